using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Every shipped release through a Flux-operator-shaped kustomization: our engine and kustomize agree object for object.</summary>
public sealed class ReleaseDifferentialTests(ReleaseOracleRuns oracle) : IClassFixture<ReleaseOracleRuns>
{
    public static TheoryData<string> Versions => new(SharedData.ReleaseFolders.Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Versions))]
    public void Release_build_equals_kustomize_build(string version)
    {
        var expected = oracle[version];
        Assert.True(expected.Succeeded, expected.Error);
        var release = new ReleaseKustomization(Path.Combine(SharedData.DistributionRoot, "flux", version));

        var actual = release.ToLayer().BuildManifests();

        var wanted = YamlDocuments.ParseObjects(expected.Output);
        Assert.Equal(wanted.Select(Id), actual.Select(Id));
        for (var i = 0; i < wanted.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(wanted[i], actual[i]),
                $"{Id(wanted[i])} differs\nkustomize:\n{YamlDocuments.Write(wanted[i])}\nengine:\n{YamlDocuments.Write(actual[i])}");
        }
    }

    private static string Id(JsonObject manifest) => ResourceId.Of(manifest).ToString();
}
