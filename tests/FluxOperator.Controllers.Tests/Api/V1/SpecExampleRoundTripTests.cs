using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Api.V1;

public class SpecExampleRoundTripTests
{
    public static TheoryData<string> FluxInstanceExamples => SpecExamples.OfKind("FluxInstance");

    public static TheoryData<string> FluxReportExamples => SpecExamples.OfKind("FluxReport");

    [Fact]
    public void The_specs_hold_fluxinstance_and_fluxreport_examples()
    {
        // Guards the theories below against silently running on nothing (e.g. a moved docs folder).
        Assert.True(FluxInstanceExamples.Count >= 20, $"only {FluxInstanceExamples.Count} FluxInstance examples found");
        Assert.NotEmpty(FluxReportExamples);
    }

    [Theory]
    [MemberData(nameof(FluxInstanceExamples))]
    public void FluxInstance_example_round_trips_without_losing_fields(string example)
    {
        var yaml = SpecExamples.Get(example);
        var original = YamlDocuments.ParseObjects(yaml).Single();

        var instance = ApiYaml.ReadFluxInstance(yaml);
        var written = ApiYaml.Write(instance);

        Assert.Equal(FluxInstance.KubeKind, instance.Kind);
        Assert.Equal(CanonicalJson.Of(original), CanonicalJson.Of(YamlDocuments.ParseObjects(written).Single()));
    }

    [Theory]
    [MemberData(nameof(FluxReportExamples))]
    public void FluxReport_example_round_trips_without_losing_fields(string example)
    {
        var yaml = SpecExamples.Get(example);
        var original = YamlDocuments.ParseObjects(yaml).Single();

        var report = ApiYaml.Read<FluxReport>(yaml);

        Assert.Equal(CanonicalJson.Of(original), CanonicalJson.Of(ApiYaml.ToNode(report)));
    }

    [Fact]
    public void Example_status_of_the_controllers_spec_round_trips()
    {
        var yaml = SpecExamples.All().Single(e => e.Name.StartsWith("controllers.md", StringComparison.Ordinal)
            && e.Yaml.StartsWith("status:", StringComparison.Ordinal) && e.Yaml.Contains("lastAppliedRevision", StringComparison.Ordinal)).Yaml;
        var document = "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\n"
            + "spec:\n  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n" + yaml;
        var original = YamlDocuments.ParseObjects(document).Single();

        var instance = ApiYaml.ReadFluxInstance(document);

        Assert.Equal(CanonicalJson.Of(original), CanonicalJson.Of(ApiYaml.ToNode(instance)));
        var status = Assert.IsType<FluxInstanceStatus>(instance.Status);
        Assert.Equal("Ready", Assert.Single(status.Conditions!).Type);
        Assert.Equal(new DateTime(2025, 7, 15, 10, 11, 0, DateTimeKind.Utc), status.History![0].FirstReconciled);
        Assert.Equal("flux-system_source-controller__ServiceAccount", status.Inventory!.Entries[4].Id);
    }
}
