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

    [Theory]
    [MemberData(nameof(Versions))]
    public void Release_build_shows_every_kind_of_patch_took_effect(string version)
    {
        var release = new ReleaseKustomization(Path.Combine(SharedData.DistributionRoot, "flux", version));

        var built = release.ToLayer().BuildManifests().ToDictionary(Id);

        var role = built["ClusterRole.v1.rbac.authorization.k8s.io/crd-controller-flux-system.[noNs]"];
        Assert.Equal("fluxcd.controlplane.io", role["rules"]!.AsArray()[^1]!["apiGroups"]![0]!.GetValue<string>());
        var binding = built["ClusterRoleBinding.v1.rbac.authorization.k8s.io/crd-controller-flux-system.[noNs]"];
        Assert.Equal("crd-controller-flux-system", binding["roleRef"]!["name"]!.GetValue<string>());
        var shard = built["Deployment.v1.apps/kustomize-controller-shard1.flux-system"];
        var args = shard["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.Contains("--watch-label-selector=sharding.fluxcd.io/key=shard1", args);
        Assert.Contains("--requeue-dependency=5s", args);
        Assert.DoesNotContain("--watch-label-selector=!sharding.fluxcd.io/key", args);
        Assert.StartsWith("ghcr.io/fluxcd/kustomize-controller:v9.9.9@sha256:", shard["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(built.Keys, k => k.StartsWith("NetworkPolicy.v1.networking.k8s.io/allow-scraping", StringComparison.Ordinal));
        Assert.All(built.Values, o => Assert.Equal("flux-operator", o["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>()));
    }

    private static string Id(JsonObject manifest) => ResourceId.Of(manifest).ToString();
}
