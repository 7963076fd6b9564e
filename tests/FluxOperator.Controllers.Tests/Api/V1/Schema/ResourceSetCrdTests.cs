using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Tests.Api.V1.Schema;

public class ResourceSetCrdTests
{
    private static readonly JsonObject Crd = CrdGenerator.Generate(typeof(ResourceSet));

    private static JsonNode Root => Crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;

    private static JsonNode Spec => Root["properties"]!["spec"]!;

    [Fact]
    public void Short_name_is_rset()
    {
        Assert.Equal("rset", Crd["spec"]!["names"]!["shortNames"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public void Spec_rules_carry_the_upstream_messages()
    {
        Assert.Equal(
            [
                ("!has(self.steps) || (!has(self.resources) && !has(self.resourcesTemplate))", "steps is mutually exclusive with resources and resourcesTemplate"),
                ("has(self.steps) || has(self.resources) || has(self.resourcesTemplate)", "at least one of steps, resources or resourcesTemplate must be set"),
            ],
            Rules(Spec));
        Assert.Equal([("!has(self.includeEmptyProviders) || self.name == 'Permute'", "includeEmptyProviders only applies when name is Permute")], Rules(Spec["properties"]!["inputStrategy"]!));
        Assert.Equal(
            [
                ("has(self.name) || has(self.selector)", "at least one of name or selector must be set for input provider references"),
                ("!has(self.name) || !has(self.selector)", "cannot set both name and selector for input provider references"),
            ],
            Rules(Spec["properties"]!["inputsFrom"]!["items"]!));
        Assert.Equal([("self.all(s, self.exists_one(t, t.name == s.name))", "step names must be unique")], Rules(Spec["properties"]!["steps"]!));
        Assert.Equal([("has(self.resources) || has(self.resourcesTemplate)", "at least one of resources or resourcesTemplate must be set")], Rules(Spec["properties"]!["steps"]!["items"]!));
    }

    [Fact]
    public void Steps_are_bounded_named_and_timed_like_upstream()
    {
        var steps = Spec["properties"]!["steps"]!;
        Assert.Equal((1, 20), (steps["minItems"]!.GetValue<int>(), steps["maxItems"]!.GetValue<int>()));
        var name = steps["items"]!["properties"]!["name"]!;
        Assert.Equal(("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", 63), (name["pattern"]!.GetValue<string>(), name["maxLength"]!.GetValue<int>()));
        Assert.Equal("^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$", steps["items"]!["properties"]!["timeout"]!["pattern"]!.GetValue<string>());
        Assert.Equal("name", steps["items"]!["required"]!.AsArray().Single()!.GetValue<string>());
    }

    [Fact]
    public void Inputs_and_resources_keep_unknown_fields()
    {
        var inputs = Spec["properties"]!["inputs"]!["items"]!;
        Assert.Equal("object", inputs["type"]!.GetValue<string>());
        Assert.True(inputs["additionalProperties"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        foreach (var resources in new[] { Spec["properties"]!["resources"]!, Spec["properties"]!["steps"]!["items"]!["properties"]!["resources"]! })
        {
            Assert.Equal("object", resources["items"]!["type"]!.GetValue<string>());
            Assert.True(resources["items"]!["x-kubernetes-preserve-unknown-fields"]!.GetValue<bool>());
        }
    }

    [Fact]
    public void Provider_references_are_enumerated_and_selectors_atomic()
    {
        var reference = Spec["properties"]!["inputsFrom"]!["items"]!["properties"]!;
        Assert.Equal("fluxcd.controlplane.io/v1", reference["apiVersion"]!["enum"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("ResourceSetInputProvider", reference["kind"]!["enum"]!.AsArray().Single()!.GetValue<string>());
        Assert.Equal("atomic", reference["selector"]!["x-kubernetes-map-type"]!.GetValue<string>());
        Assert.Equal("atomic", reference["selector"]!["properties"]!["matchExpressions"]!["x-kubernetes-list-type"]!.GetValue<string>());
        Assert.Equal(["Flatten", "Permute"], Spec["properties"]!["inputStrategy"]!["properties"]!["name"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Dependencies_require_api_version_kind_and_name()
    {
        Assert.Equal(["apiVersion", "kind", "name"], Spec["properties"]!["dependsOn"]!["items"]!["required"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Status_lists_inventory_history_revision_and_checksum_refs()
    {
        var status = Root["properties"]!["status"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(["conditions", "externalChecksumRefs", "history", "inventory", "lastAppliedRevision", "lastHandledReconcileAt"], status);
    }

    private static (string Rule, string Message)[] Rules(JsonNode schema) =>
        schema["x-kubernetes-validations"]!.AsArray().Select(r => (r!["rule"]!.GetValue<string>(), r["message"]!.GetValue<string>())).ToArray();
}
