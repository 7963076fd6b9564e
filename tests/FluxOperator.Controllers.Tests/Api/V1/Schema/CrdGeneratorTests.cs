using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Schema;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Api.V1.Schema;

public class CrdGeneratorTests
{
    private static readonly string Bases = Path.Combine(SharedData.RepositoryRoot, "config", "crd", "bases");

    [Fact]
    public void Committed_crds_equal_the_generator_output()
    {
        foreach (var (fileName, yaml) in CrdGenerator.Files())
        {
            var path = Path.Combine(Bases, fileName);
            Assert.True(File.Exists(path), $"{path} is missing: run `dotnet run --project src/FluxOperator -- generate crds`");
            Assert.True(yaml == File.ReadAllText(path), $"{fileName} is stale: run `dotnet run --project src/FluxOperator -- generate crds` and commit the result");
        }
    }

    [Fact]
    public void Kustomization_lists_every_generated_crd_and_nothing_is_marked_as_controller_gen_output()
    {
        var kustomization = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "config", "crd", "kustomization.yaml"))).Single();
        var resources = kustomization["resources"]!.AsArray().Select(r => r!.GetValue<string>()).Order(StringComparer.Ordinal);

        Assert.Equal(CrdGenerator.Files().Select(f => "bases/" + f.FileName).Order(StringComparer.Ordinal), resources);
        Assert.All(CrdGenerator.Files(), f => Assert.DoesNotContain("controller-gen", f.Yaml, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(typeof(FluxInstance), "fluxinstances.fluxcd.controlplane.io", "FluxInstance", "fluxinstance", "fluxcd,fluxcd-appliers", "Age,Ready,Status,Revision")]
    [InlineData(typeof(FluxReport), "fluxreports.fluxcd.controlplane.io", "FluxReport", "fluxreport", "fluxcd", "Entitlement,Age,Ready,Status,LastUpdated")]
    [InlineData(typeof(ResourceSet), "resourcesets.fluxcd.controlplane.io", "ResourceSet", "resourceset", "all,fluxcd,fluxcd-appliers", "Age,Ready,Status")]
    public void Crd_names_scope_columns_and_subresources_follow_the_spec(Type resource, string name, string kind, string singular, string categories, string columns)
    {
        var crd = CrdGenerator.Generate(resource);
        var spec = crd["spec"]!;
        var version = spec["versions"]!.AsArray().Single()!;

        Assert.Equal(name, crd["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(("fluxcd.controlplane.io", "Namespaced"), (spec["group"]!.GetValue<string>(), spec["scope"]!.GetValue<string>()));
        Assert.Equal(kind, spec["names"]!["kind"]!.GetValue<string>());
        Assert.Equal(kind + "List", spec["names"]!["listKind"]!.GetValue<string>());
        Assert.Equal(singular, spec["names"]!["singular"]!.GetValue<string>());
        Assert.Equal(categories, string.Join(',', spec["names"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>())));
        Assert.Equal(("v1", true, true), (version["name"]!.GetValue<string>(), version["served"]!.GetValue<bool>(), version["storage"]!.GetValue<bool>()));
        Assert.Equal("{}", version["subresources"]!["status"]!.ToJsonString());
        Assert.Equal(columns, string.Join(',', version["additionalPrinterColumns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("Age", "date", ".metadata.creationTimestamp", 0)]
    [InlineData("Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status", 0)]
    [InlineData("Status", "string", ".status.conditions[?(@.type==\"Ready\")].message", 0)]
    [InlineData("Revision", "string", ".status.lastAttemptedRevision", 0)]
    public void FluxInstance_printer_columns_read_the_ready_condition_and_revision(string name, string type, string jsonPath, int priority)
    {
        var column = Column(typeof(FluxInstance), name);

        Assert.Equal((type, jsonPath, priority), (column["type"]!.GetValue<string>(), column["jsonPath"]!.GetValue<string>(), column["priority"]?.GetValue<int>() ?? 0));
    }

    [Fact]
    public void FluxReport_entitlement_column_shows_only_in_wide_output()
    {
        var column = Column(typeof(FluxReport), "Entitlement");

        Assert.Equal((".spec.distribution.entitlement", 10), (column["jsonPath"]!.GetValue<string>(), column["priority"]!.GetValue<int>()));
    }

    // Rules and messages exactly as the Go operator's CRD states them.
    [Theory]
    [InlineData("", "self.metadata.name == 'flux'", "the only accepted name for a FluxInstance is 'flux'")]
    [InlineData("spec", "!has(self.sharding) || !has(self.sharding.storage) || self.sharding.storage != 'persistent' || has(self.storage)", ".spec.storage must be set when .spec.sharding.storage is 'persistent'")]
    [InlineData("spec.cluster", "(has(self.objectLevelWorkloadIdentity) && self.objectLevelWorkloadIdentity) || !has(self.multitenantWorkloadIdentity) || !self.multitenantWorkloadIdentity", ".objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true")]
    [InlineData("spec.sync", "!has(self.provider) || self.provider != 'gcp' || self.kind == 'OCIRepository' || self.kind == 'Bucket'", "sync.provider 'gcp' is only supported for OCIRepository and Bucket")]
    [InlineData("spec.sync", "!has(self.provider) || self.provider != 'github' || self.kind == 'GitRepository'", "sync.provider 'github' is only supported for GitRepository")]
    [InlineData("spec.sync.name", "self == oldSelf", "Sync name is immutable")]
    public void FluxInstance_cel_rules_sit_where_the_spec_attaches_them(string path, string rule, string message)
    {
        var rules = SchemaAt(typeof(FluxInstance), path)["x-kubernetes-validations"]!.AsArray();

        Assert.Contains(rules, r => r!["rule"]!.GetValue<string>() == rule && r["message"]!.GetValue<string>() == message);
    }

    [Theory]
    [InlineData("spec.components", "source-controller,kustomize-controller,helm-controller,notification-controller,image-reflector-controller,image-automation-controller,source-watcher")]
    [InlineData("spec.distribution.variant", "upstream-alpine,enterprise-alpine,enterprise-distroless,enterprise-distroless-fips")]
    [InlineData("spec.cluster.type", "kubernetes,openshift,aws,azure,gcp")]
    [InlineData("spec.cluster.size", "small,medium,large")]
    [InlineData("spec.sharding.storage", "ephemeral,persistent")]
    [InlineData("spec.sync.kind", "OCIRepository,GitRepository,Bucket")]
    [InlineData("spec.sync.provider", "generic,aws,azure,gcp,github")]
    public void FluxInstance_enums_list_the_documented_values(string path, string values)
    {
        var schema = SchemaAt(typeof(FluxInstance), path);
        var enumeration = (schema["items"] ?? schema)["enum"]!.AsArray();

        Assert.Equal(values, string.Join(',', enumeration.Select(v => v!.GetValue<string>())));
    }

    [Theory]
    [InlineData("spec.cluster.domain", "\"cluster.local\"")]
    [InlineData("spec.cluster.type", "\"kubernetes\"")]
    [InlineData("spec.cluster.multitenant", "false")]
    [InlineData("spec.cluster.multitenantWorkloadIdentity", "false")]
    [InlineData("spec.cluster.networkPolicy", "true")]
    [InlineData("spec.sharding.key", "\"sharding.fluxcd.io/key\"")]
    [InlineData("spec.sync.interval", "\"1m\"")]
    [InlineData("spec.wait", "true")]
    [InlineData("spec.migrateResources", "true")]
    public void FluxInstance_api_defaults_match_the_spec(string path, string json) =>
        Assert.Equal(json, SchemaAt(typeof(FluxInstance), path)["default"]!.ToJsonString());

    [Theory]
    [InlineData(typeof(FluxInstance), "spec", "distribution")]
    [InlineData(typeof(FluxInstance), "spec.distribution", "version,registry")]
    [InlineData(typeof(FluxInstance), "spec.sharding", "shards")]
    [InlineData(typeof(FluxInstance), "spec.storage", "class,size")]
    [InlineData(typeof(FluxInstance), "spec.sync", "kind,url,ref,path")]
    [InlineData(typeof(FluxInstance), "spec.kustomize.patches", "patch")]
    [InlineData(typeof(FluxInstance), "status.inventory.entries", "id,v")]
    [InlineData(typeof(FluxInstance), "status.conditions", "lastTransitionTime,message,reason,status,type")]
    [InlineData(typeof(FluxReport), "spec", "distribution")]
    [InlineData(typeof(FluxReport), "spec.distribution", "entitlement,status")]
    [InlineData(typeof(FluxReport), "spec.reconcilers.stats", "running,failing,suspended")]
    public void Required_lists_match_the_go_api(Type resource, string path, string required) =>
        Assert.Equal(required, string.Join(',', SchemaAt(resource, path)["required"]!.AsArray().Select(r => r!.GetValue<string>())));

    [Fact]
    public void FluxReport_reconciler_entries_without_stats_are_accepted_as_the_go_operator_writes_them()
    {
        var items = SchemaAt(typeof(FluxReport), "spec")["properties"]!["reconcilers"]!["items"]!;

        Assert.Equal(["apiVersion", "kind"], items["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        var report = System.Text.Json.JsonSerializer.Deserialize<FluxReport>("""
            {"apiVersion":"fluxcd.controlplane.io/v1","kind":"FluxReport","metadata":{"name":"flux","namespace":"flux-system"},
             "spec":{"distribution":{"entitlement":"Unknown","status":"Unknown"},"reconcilers":[{"apiVersion":"source.toolkit.fluxcd.io/v1","kind":"Bucket"}]}}
            """, ApiJson.Options);
        Assert.NotNull(report);
        var reconciler = Assert.Single(report.Spec.Reconcilers!);
        Assert.Equal("Bucket", reconciler.Kind);
        Assert.Equal(0, reconciler.Stats.Running);
    }

    [Theory]
    [InlineData("spec.distribution.artifact", "pattern", "\"^oci://.*$\"")]
    [InlineData("spec.sync.interval", "pattern", "\"^([0-9]+(\\\\.[0-9]+)?(ms|s|m|h))+$\"")]
    [InlineData("spec.sync.name", "maxLength", "63")]
    [InlineData("spec.sharding.shards", "minItems", "1")]
    public void FluxInstance_string_and_list_limits_match_the_spec(string path, string keyword, string json) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), SchemaAt(typeof(FluxInstance), path)[keyword]), $"{path}.{keyword}");

    [Theory]
    [InlineData(typeof(FluxInstance))]
    [InlineData(typeof(FluxReport))]
    public void Every_schema_node_is_structural(Type resource)
    {
        // The API server rejects a CRD whose schema nodes lack a type (non-structural schema).
        var root = CrdGenerator.Generate(resource)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
        var untyped = new List<string>();
        Walk(root, "", untyped);

        Assert.Empty(untyped);
    }

    private static void Walk(JsonObject schema, string path, List<string> untyped)
    {
        if (schema["type"] is null)
        {
            untyped.Add(path);
        }

        foreach (var (name, child) in schema["properties"]?.AsObject() ?? [])
        {
            Walk(child!.AsObject(), $"{path}.{name}", untyped);
        }

        if (schema["items"] is JsonObject items)
        {
            Walk(items, path + "[]", untyped);
        }

        if (schema["additionalProperties"] is JsonObject values)
        {
            Walk(values, path + "{}", untyped);
        }
    }

    private static JsonObject Column(Type resource, string name) =>
        CrdGenerator.Generate(resource)["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray()
            .Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    /// <summary>The schema at a dotted path; list levels are stepped through transparently.</summary>
    private static JsonObject SchemaAt(Type resource, string path)
    {
        var schema = CrdGenerator.Generate(resource)["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (schema["items"] is JsonObject items && schema["properties"] is null)
            {
                schema = items;
            }

            schema = schema["properties"]![segment]!.AsObject();
        }

        return schema["items"] is JsonObject { } itemObject && itemObject["properties"] is not null ? itemObject : schema;
    }
}
