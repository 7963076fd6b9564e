using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Our engine against <c>kubectl kustomize</c> on the same objects and kustomization: same objects, same order, same failures.</summary>
public sealed class KustomizeDifferentialTests(OracleRuns oracle) : IClassFixture<OracleRuns>
{
    public static TheoryData<string> Cases => new(DifferentialCases.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_output_equals_kustomize_output(string name)
    {
        var testCase = DifferentialCases.All.Single(c => c.Name == name);
        var expected = oracle[testCase.Name];
        IReadOnlyList<JsonObject>? actual = null;
        KustomizeError? failure = null;
        try
        {
            actual = Build(testCase);
        }
        catch (KustomizeError e)
        {
            failure = e;
        }

        if (!expected.Succeeded)
        {
            Assert.True(failure is not null, $"kustomize failed but the engine succeeded. kustomize: {expected.Error}");
            if (testCase.SameMessage)
            {
                Assert.Contains(failure.Reason, expected.Error, StringComparison.Ordinal);
            }

            return;
        }

        Assert.True(failure is null, $"the engine failed but kustomize succeeded: {failure?.Message}");
        var wanted = YamlDocuments.ParseObjects(expected.Output);
        Assert.Equal(Ids(wanted), Ids(actual!));
        for (var i = 0; i < wanted.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(wanted[i], actual![i]),
                $"object {i} differs\nkustomize:\n{YamlDocuments.Write(wanted[i])}\nengine:\n{YamlDocuments.Write(actual[i])}");
        }
    }

    private static IReadOnlyList<JsonObject> Build(DifferentialCase testCase)
    {
        var root = KustomizationFragment.ToLayer(testCase.Root).AddYaml(KustomizeFixtures.Base);
        if (testCase.Nested is not null)
        {
            root.Add(KustomizationFragment.ToLayer(testCase.Nested).AddYaml(KustomizeFixtures.Base));
        }

        return root.BuildManifests();
    }

    private static string[] Ids(IEnumerable<JsonObject> objects) => objects.Select(o => ResourceId.Of(o).ToString()).ToArray();
}
