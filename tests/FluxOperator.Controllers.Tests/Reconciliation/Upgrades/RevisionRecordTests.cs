using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reconciliation.Upgrades;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Tests.Rendering;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Reconciliation.Upgrades;

/// <summary>The revision record keeps what rebuilds a healthy revision exactly, and survives its own text form.</summary>
public class RevisionRecordTests
{
    private static readonly string Yaml = Scenario.Instance(Scenario.Distro("2.9.x") + """

        components: [source-controller, kustomize-controller]
        commonMetadata:
          labels:
            team: platform
        """);

    [Fact]
    public void Stored_spec_rebuilds_the_same_revision_as_the_spec_it_came_from()
    {
        var instance = ApiYaml.ReadFluxInstance(Yaml);
        var original = FluxInstanceBuilder.Build(instance, new BuildSources(SharedData.DistributionRoot)).Result;
        var record = new RevisionRecord(new HealthyRevision(original.Revision, original.Version, "", RevisionBuilder.Pinned(instance.Spec, original.Version)), null);

        var restored = RevisionRecord.Parse(record.ToJson()).Healthy!;
        var rebuilt = FluxInstanceBuilder.Build(RevisionBuilder.WithSpec(instance, restored.Spec), new BuildSources(SharedData.DistributionRoot)).Result;

        Assert.Equal(original.Revision, rebuilt.Revision);
        Assert.Equal("2.9.4", restored.Spec.Distribution.Version);
        Assert.Equal("platform", restored.Spec.CommonMetadata!.Labels!["team"]);
        Assert.Equal(record.ToJson(), RevisionRecord.Parse(record.ToJson()).ToJson());
    }

    [Fact]
    public void Failed_revision_is_held_back_only_for_the_same_spec_and_artifact()
    {
        var instance = ApiYaml.ReadFluxInstance(Yaml);
        var failed = new FailedRevision("v2.9.4@sha256:aa", SpecDigest.Of(instance.Spec), "sha256:bb", "v2.9.2@sha256:cc", "timeout");

        var parsed = RevisionRecord.Parse(new RevisionRecord(null, failed).ToJson()).Failed!;

        Assert.Equal(failed, parsed);
        Assert.True(parsed.Matches(SpecDigest.Of(instance.Spec), "sha256:bb"));
        Assert.False(parsed.Matches(SpecDigest.Of(instance.Spec), "sha256:new"));
        instance.Spec.Components!.Add("helm-controller");
        Assert.False(parsed.Matches(SpecDigest.Of(instance.Spec), "sha256:bb"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"healthy\":{\"revision\":\"x\"}}")]
    public void Missing_or_damaged_record_reads_as_nothing_to_roll_back_to(string? json)
    {
        var record = RevisionRecord.Parse(json);

        Assert.Null(record.Healthy);
        Assert.Null(record.Failed);
    }
}
