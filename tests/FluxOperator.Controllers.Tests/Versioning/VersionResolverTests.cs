using FluxOperator.Controllers.Tests.TestSupport;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Tests.Versioning;

/// <summary>Constraints resolved against the real release folders of ../shared/flux-distribution/flux.</summary>
public class VersionResolverTests
{
    private static readonly string FluxDirectory = Path.Combine(SharedData.DistributionRoot, "flux");

    private static IReadOnlyList<string> SharedNames => SharedData.ReleaseFolders.Select(Path.GetFileName).OfType<string>().ToArray();

    private static VersionResolution ResolveShared(string constraint) =>
        VersionResolver.Resolve(constraint, SharedNames, SharedNames, FluxDirectory, FluxDirectory);

    [Theory]
    [InlineData("*", "v2.9.4")]
    [InlineData("2.x", "v2.9.4")]
    [InlineData("2", "v2.9.4")]
    [InlineData("2.X", "v2.9.4")]
    [InlineData("2.*", "v2.9.4")]
    [InlineData("2.x.x", "v2.9.4")]
    [InlineData("v2.x", "v2.9.4")]
    [InlineData("x", "v2.9.4")]
    [InlineData("~2", "v2.9.4")]
    [InlineData("^2", "v2.9.4")]
    [InlineData("2.3.x", "v2.3.0")]
    [InlineData("2.3", "v2.3.0")]
    [InlineData("~2.3", "v2.3.0")]
    [InlineData("2.2", "v2.2.3")]
    [InlineData("2.3.0", "v2.3.0")]
    [InlineData("v2.3.0", "v2.3.0")]
    [InlineData("=2.3.0", "v2.3.0")]
    [InlineData("2.8.x", "v2.8.8")]
    [InlineData(">=2.4 <2.6", "v2.5.1")]
    [InlineData(">=2.4, <2.6", "v2.5.1")]
    [InlineData(">=2.4,<2.6", "v2.5.1")]
    [InlineData(">= 2.4.0, < 2.6.0", "v2.5.1")]
    [InlineData("~2.5", "v2.5.1")]
    [InlineData("~2.5.0", "v2.5.1")]
    [InlineData("~>2.7", "v2.7.5")]
    [InlineData("~2.7.0", "v2.7.5")]
    [InlineData("^2.5", "v2.9.4")]
    [InlineData("^2.8.3", "v2.9.4")]
    [InlineData("2.3 - 2.5", "v2.5.1")]
    [InlineData("2.4 - 2.5", "v2.5.1")]
    [InlineData("2.3.0 - 2.5.0", "v2.5.0")]
    [InlineData("2.8.3 - 2.8.6", "v2.8.6")]
    [InlineData(">2.8", "v2.9.4")]
    [InlineData("<2.8", "v2.7.5")]
    [InlineData("<=2.8", "v2.8.8")]
    [InlineData("<=2.8.0", "v2.8.0")]
    [InlineData("< 2.5", "v2.4.0")]
    [InlineData("!=2.9.4", "v2.9.3")]
    [InlineData("!=2.9", "v2.8.8")]
    [InlineData(">=2.9 !=2.9.4", "v2.9.3")]
    [InlineData(">=2.9, !=2.9.4", "v2.9.3")]
    [InlineData(">=2.7.0 !=2.7.5 <2.8", "v2.7.4")]
    [InlineData("=2.9", "v2.9.4")]
    [InlineData("2.5.x || 2.7.x", "v2.7.5")]
    [InlineData(">=2.6 <2.7 || 2.3.x", "v2.6.4")]
    [InlineData("2.9.4 || 2.2.3", "v2.9.4")]
    [InlineData(">2.9.3-0", "v2.9.4")]
    [InlineData("2.9.4+build", "v2.9.4")]
    [InlineData("=> 2.6, =< 2.6.2", "v2.6.2")]
    [InlineData("  2.7.x  ", "v2.7.5")]
    public void Constraint_selects_the_highest_matching_release(string constraint, string expected)
    {
        var resolution = ResolveShared(constraint);

        Assert.True(resolution.Succeeded, resolution.Error);
        Assert.Equal(expected, resolution.Selected!.Name);
        Assert.Null(resolution.Error);
    }

    [Theory]
    [InlineData("2.3.1")]
    [InlineData("2.8.4")] // only flux-images has v2.8.4
    [InlineData("3.x")]
    [InlineData("1.x")]
    [InlineData("2.10.x")]
    [InlineData(">2.9.4")]
    [InlineData("<2.2.3")]
    [InlineData("~1")]
    [InlineData(">2")]
    public void Constraint_matching_nothing_names_both_directories(string constraint)
    {
        var resolution = ResolveShared(constraint);

        Assert.False(resolution.Succeeded);
        Assert.Equal($"no match found for semver: {constraint} in {FluxDirectory} matching embedded minor versions in {FluxDirectory}", resolution.Error);
        Assert.Contains("v2.9.4, v2.9.3", resolution.ExplainFailure(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("latest", "semver 'latest' parse error: improper constraint: \"latest\"")]
    [InlineData(">=2.4 && <2.6", "semver '>=2.4 && <2.6' parse error: improper constraint: \">=2.4 && <2.6\"")]
    [InlineData(">=2.4,<2.6 ||", "semver '>=2.4,<2.6 ||' parse error: improper constraint: \"\"")]
    [InlineData("", "semver '' parse error: improper constraint: \"\"")]
    public void Unparsable_constraint_reports_the_go_message(string constraint, string expected)
    {
        var resolution = ResolveShared(constraint);

        Assert.False(resolution.Succeeded);
        Assert.Equal(expected, resolution.Error);
    }

    [Fact]
    public void Every_shared_release_is_a_candidate_and_the_list_is_newest_first()
    {
        var candidates = VersionResolver.Candidates(SharedNames);

        Assert.Equal(SharedNames.Count, candidates.Count);
        Assert.Equal("v2.9.4", candidates[0].Name);
        Assert.Equal("v2.2.3", candidates[^1].Name);
        Assert.DoesNotContain(candidates, c => c.Name == "v2.8.4");
        for (var i = 1; i < candidates.Count; i++)
        {
            Assert.True(VersionPrecedence.Instance.Compare(candidates[i - 1].Version, candidates[i].Version) > 0);
        }
    }

    [Theory]
    [InlineData("2.x", "v2.3.1")]
    [InlineData("*", "v2.3.1")]
    [InlineData("2.3.x", "v2.3.1")]
    [InlineData("v2.3.1", "v2.3.1")]
    [InlineData("2.2.0", "v2.2.0")]
    public void Artifact_brings_patches_of_embedded_minors_only(string constraint, string expected)
    {
        string[] embedded = ["v2.2.1", "v2.3.0"];
        string[] artifact = ["v2.2.0", "v2.2.1", "v2.3.0", "v2.3.1", "v2.4.0"];

        var resolution = VersionResolver.Resolve(constraint, artifact, embedded, "/tmp/a/flux", "/data/flux");

        Assert.Equal(expected, resolution.Selected?.Name);
    }

    [Fact]
    public void Artifact_minor_missing_from_the_embedded_store_does_not_resolve()
    {
        var resolution = VersionResolver.Resolve("v2.4.0", ["v2.3.1", "v2.4.0"], ["v2.3.0"], "/tmp/a/flux", "/data/flux");

        Assert.Equal("no match found for semver: v2.4.0 in /tmp/a/flux matching embedded minor versions in /data/flux", resolution.Error);
    }

    [Fact]
    public void Minor_present_only_as_prereleases_is_not_allowed()
    {
        string[] embedded = ["v2.9.4", "v2.10.0-rc.1"];

        Assert.Equal(["2.9"], VersionResolver.AllowedMinors(embedded));
        Assert.False(VersionResolver.Resolve(">=2.10.0-0", embedded, embedded, "/d/flux", "/d/flux").Succeeded);
    }

    [Fact]
    public void Prerelease_directory_is_selected_only_by_a_group_naming_a_prerelease()
    {
        string[] names = ["v2.9.4", "v2.10.0-rc.1", "v2.10.0"];
        string[] embedded = ["v2.9.0", "v2.10.0"];

        Assert.Equal("v2.10.0", VersionResolver.Resolve("*", names[..2].Append("v2.10.0").ToArray(), embedded, "/d", "/d").Selected?.Name);
        Assert.Equal("v2.9.4", VersionResolver.Resolve("*", names[..2], embedded, "/d", "/d").Selected?.Name);
        Assert.Equal("v2.10.0-rc.1", VersionResolver.Resolve(">=2.9 || >=2.10.0-rc.1", names[..2], embedded, "/d", "/d").Selected?.Name);
        Assert.Equal("v2.10.0-rc.1", VersionResolver.Resolve("2.10.0-rc.1", names[..2], embedded, "/d", "/d").Selected?.Name);
    }

    [Fact]
    public void Directories_naming_the_same_version_resolve_to_the_ordinally_smallest_name()
    {
        string[] names = ["v2.9.0", "v2.9", "2.9.0", "latest", "V2.9.9"];

        var resolution = VersionResolver.Resolve("2.9.x", names, names, "/d", "/d");

        Assert.Equal("2.9.0", resolution.Selected?.Name);
        Assert.Equal(3, resolution.Available.Count);
    }
}
