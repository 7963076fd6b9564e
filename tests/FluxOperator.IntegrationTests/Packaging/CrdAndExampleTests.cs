using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The bundle's CRDs and examples, and the static scorecard tests the bundle ships.</summary>
public sealed partial class CrdAndExampleTests
{
    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Crd_names_groups_and_scope_are_well_formed(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Crds, crd =>
        {
            var spec = crd["spec"]!;
            var names = spec["names"]!;
            Assert.Equal($"{names["plural"]}.{spec["group"]}", ManifestSet.NameOf(crd));
            Assert.Matches(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$", spec["group"]!.GetValue<string>());
            var labels = new[] { names["plural"], names["singular"] }
                .Concat(names["shortNames"]?.AsArray() ?? []).Concat(names["categories"]?.AsArray() ?? [])
                .Select(n => n!.GetValue<string>())
                .Append(names["kind"]!.GetValue<string>().ToLowerInvariant())
                .Append(names["listKind"]!.GetValue<string>().ToLowerInvariant());
            Assert.All(labels, l => Assert.Matches(Dns1035(), l));
            Assert.NotEqual(names["kind"]!.GetValue<string>(), names["listKind"]!.GetValue<string>());
            Assert.Contains(spec["scope"]!.GetValue<string>(), new[] { "Namespaced", "Cluster" });
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Crd_versions_are_unique_with_one_storage_version_and_schemas(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Crds, crd =>
        {
            var versions = crd["spec"]!["versions"]!.AsArray().Select(v => v!.AsObject()).ToArray();
            Assert.NotEmpty(versions);
            Assert.Equal(versions.Length, versions.Select(v => v["name"]!.GetValue<string>()).Distinct().Count());
            Assert.All(versions, v => Assert.Matches(Dns1035(), v["name"]!.GetValue<string>()));
            Assert.Single(versions, v => v["storage"]!.GetValue<bool>());
            Assert.Contains(versions, v => v["served"]!.GetValue<bool>());
            Assert.All(versions, v => Assert.NotNull(v["schema"]?["openAPIV3Schema"]));
            Assert.NotEqual(true, crd["spec"]!["preserveUnknownFields"]?.GetValue<bool>());
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Printer_columns_are_typed_json_paths_and_conversion_needs_no_webhook(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Crds, crd =>
        {
            Assert.Contains(crd["spec"]!["conversion"]?["strategy"]?.GetValue<string>() ?? "None", new[] { "None" });
            var columns = crd["spec"]!["versions"]!.AsArray().SelectMany(v => v!["additionalPrinterColumns"]?.AsArray() ?? []);
            Assert.All(columns, c =>
            {
                Assert.False(string.IsNullOrEmpty(c!["name"]?.GetValue<string>()));
                Assert.Contains(c["type"]!.GetValue<string>(), new[] { "integer", "number", "string", "boolean", "date" });
                Assert.StartsWith(".", c["jsonPath"]!.GetValue<string>(), StringComparison.Ordinal);
            });
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Owned_descriptions_name_a_served_version_and_kind_of_their_crd(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.All(bundle.Spec["customresourcedefinitions"]!["owned"]!.AsArray(), owned =>
        {
            foreach (var field in new[] { "name", "version", "kind", "displayName", "description" })
            {
                Assert.False(string.IsNullOrEmpty(owned![field]?.GetValue<string>()), field);
            }

            var crd = bundle.Crds.Single(c => ManifestSet.NameOf(c) == owned!["name"]!.GetValue<string>());
            Assert.Equal(crd["spec"]!["names"]!["kind"]!.GetValue<string>(), owned!["kind"]!.GetValue<string>());
            Assert.Contains(owned["version"]!.GetValue<string>(), crd["spec"]!["versions"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Alm_examples_cover_exactly_the_owned_apis(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        var owned = bundle.Spec["customresourcedefinitions"]!["owned"]!.AsArray()
            .Select(o => $"{o!["name"]!.GetValue<string>()[(o["name"]!.GetValue<string>().IndexOf('.', StringComparison.Ordinal) + 1)..]}/{o["version"]}/{o["kind"]}")
            .ToHashSet();
        var examples = bundle.Examples.Select(e => $"{e!["apiVersion"]}/{e["kind"]}").ToHashSet();
        Assert.Equal(owned.Order(), examples.Order());
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Every_example_is_named_has_a_spec_and_no_status(string flavour)
    {
        Assert.All(BundleUnderTest.Get(flavour).Examples, e =>
        {
            Assert.False(string.IsNullOrEmpty(e!["metadata"]?["name"]?.GetValue<string>()));
            Assert.IsType<JsonObject>(e["spec"]);
            Assert.Null(e["status"]);
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Every_example_is_valid_against_its_crd_schema(string flavour)
    {
        var bundle = BundleUnderTest.Get(flavour);
        Assert.All(bundle.Examples, e =>
        {
            var schema = SchemaFor(bundle, e!.AsObject());
            Assert.Empty(CrdSchemaCheck.Violations(e, schema));
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void FluxInstance_examples_pass_the_operator_validators(string flavour)
    {
        var instances = BundleUnderTest.Get(flavour).Examples.Select(e => e!.AsObject()).Where(FluxInstanceManifest.IsFluxInstance).ToArray();
        Assert.NotEmpty(instances);
        Assert.All(instances, e => Assert.Empty(FluxInstanceManifest.Check(e).Where(p => !p.IsWarning).Select(p => p.Message)));
    }

    [Fact]
    public void Operator_validators_reject_an_example_broken_the_way_users_break_it()
    {
        var example = BundleUnderTest.Get("committed").Examples.Select(e => e!.AsObject()).First(FluxInstanceManifest.IsFluxInstance);
        example["spec"]!["cluster"]!["type"] = "mainframe";
        Assert.Contains(FluxInstanceManifest.Check(example), p => !p.IsWarning && p.Path.StartsWith("spec.cluster.type", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_check_catches_an_unknown_spec_key_and_a_wrong_type()
    {
        var bundle = BundleUnderTest.Get("committed");
        var example = bundle.Examples[0]!.AsObject();
        example["spec"]!["notAField"] = "x";
        var firstProperty = SchemaFor(bundle, example)["properties"]!["spec"]!["properties"]!.AsObject().First(p => p.Value?["type"]?.GetValue<string>() == "object");
        example["spec"]![firstProperty.Key] = 42;
        var violations = CrdSchemaCheck.Violations(example, SchemaFor(bundle, example));
        Assert.Contains(violations, v => v.StartsWith(".spec.notAField", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith($".spec.{firstProperty.Key}: expected object", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Scorecard_descriptor_tests_would_pass(string flavour)
    {
        // olm-crds-have-resources, olm-spec-descriptors and olm-status-descriptors, reproduced offline.
        var bundle = BundleUnderTest.Get(flavour);
        var owned = bundle.Spec["customresourcedefinitions"]!["owned"]!.AsArray().Select(o => o!.AsObject()).ToArray();
        Assert.All(owned, o => Assert.NotEmpty(o["resources"]!.AsArray()));
        Assert.All(bundle.Examples, e =>
        {
            var description = owned.Single(o => o["kind"]!.GetValue<string>() == e!["kind"]!.GetValue<string>()
                && e["apiVersion"]!.GetValue<string>().EndsWith("/" + o["version"]!.GetValue<string>(), StringComparison.Ordinal));
            var paths = description["specDescriptors"]!.AsArray().Select(d => d!["path"]!.GetValue<string>()).ToHashSet();
            Assert.All(e!["spec"]!.AsObject(), key => Assert.Contains(key.Key, paths));
            Assert.NotEmpty(description["statusDescriptors"]!.AsArray());
        });
    }

    [Theory, MemberData(nameof(BundleUnderTest.Flavours), MemberType = typeof(BundleUnderTest))]
    public void Bundled_crds_are_the_crds_every_other_install_method_applies(string flavour)
    {
        var config = ConfigTree.Build(Path.Combine(PackagingPaths.ConfigRoot, "crd"));
        var install = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, InstallManifest.DefaultPath)))
            .Where(o => ManifestSet.KindOf(o) == "CustomResourceDefinition").ToArray();
        var bundled = BundleUnderTest.Get(flavour).Crds;
        Assert.Equal(config.Count, bundled.Count);
        foreach (var crd in bundled)
        {
            Assert.True(JsonNode.DeepEquals(crd, config.Single(c => ManifestSet.NameOf(c) == ManifestSet.NameOf(crd))), ManifestSet.NameOf(crd));
            Assert.True(JsonNode.DeepEquals(crd, install.Single(c => ManifestSet.NameOf(c) == ManifestSet.NameOf(crd))), ManifestSet.NameOf(crd));
        }
    }

    private static JsonObject SchemaFor(BundleUnderTest bundle, JsonObject example)
    {
        var version = example["apiVersion"]!.GetValue<string>().Split('/')[^1];
        var crd = bundle.Crds.Single(c => c["spec"]!["names"]!["kind"]!.GetValue<string>() == example["kind"]!.GetValue<string>());
        return crd["spec"]!["versions"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == version)!["schema"]!["openAPIV3Schema"]!.AsObject();
    }

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();
}
