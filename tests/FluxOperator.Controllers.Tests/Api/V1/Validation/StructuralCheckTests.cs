using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Api.V1.Validation;

public class StructuralCheckTests
{
    private static IReadOnlyList<string> Messages(string spec) =>
        FluxInstanceManifest.Check(YamlDocuments.ParseObjects(
            "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\nspec:\n  distribution: {version: 2.x, registry: ghcr.io/fluxcd}\n" + spec).Single())
            .Select(p => p.Message).ToArray();

    [Theory]
    [InlineData("  components: [source-controller, 5]\n", "spec.components[1]: Invalid value: \"integer\": spec.components[1] in body must be of type string: \"integer\" (quote the value in YAML)")]
    [InlineData("  commonMetadata:\n    labels: {team: true}\n", "spec.commonMetadata.labels[team]: Invalid value: \"boolean\": spec.commonMetadata.labels[team] in body must be of type string: \"boolean\" (quote the value in YAML)")]
    [InlineData("  kustomize:\n    patches:\n      - patch: 'a: b'\n        target: {kind: Deployment, names: x}\n", "unknown field \"spec.kustomize.patches[0].target.names\"")]
    [InlineData("  sharding: [a, b]\n", "spec.sharding: Invalid value: \"array\": spec.sharding in body must be of type object: \"array\"")]
    [InlineData("  sync:\n    kind: GitRepository\n    url: https://github.com/org/fleet.git\n    path: ./\n", "spec.sync.ref: Required value")]
    public void Shape_problems_are_reported_and_the_rest_is_still_checked(string spec, string message)
    {
        var messages = Messages(spec + "  cluster: {size: huge}\n");

        Assert.Contains(message, messages);
        Assert.Contains(messages, m => m.StartsWith("spec.cluster.size: Unsupported value", StringComparison.Ordinal));
        Assert.Equal(2, messages.Count);
    }

    [Theory]
    [InlineData("  cluster:\n")]
    [InlineData("  wait: null\n")]
    [InlineData("  components: []\n")]
    public void Null_and_empty_values_count_as_absent(string spec) => Assert.Empty(Messages(spec));

    [Fact]
    public void Missing_spec_reports_the_required_distribution_fields()
    {
        var problems = FluxInstanceManifest.Check(YamlDocuments.ParseObjects("apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata: {name: flux}\n").Single());

        Assert.Equal(["spec.distribution.version: Required value", "spec.distribution.registry: Required value"], problems.Select(p => p.Message));
    }

    [Theory]
    [InlineData("fluxcd_v1_fluxinstance.yaml")]
    public void Shipped_sample_is_valid(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "config", "samples", file));

        Assert.Empty(FluxInstanceManifest.Check(YamlDocuments.ParseObjects(yaml).Single()));
    }
}
