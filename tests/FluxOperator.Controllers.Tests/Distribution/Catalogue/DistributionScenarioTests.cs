using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Tests.TestSupport;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Tests.Distribution.Catalogue;

/// <summary>Version resolution and image selection scenarios on the shared distribution.</summary>
public class DistributionScenarioTests
{
    private static readonly DistributionCatalogue Shared = DistributionCatalogue.Open(SharedData.DistributionRoot);
    private static readonly string Store = SharedData.DistributionRoot;

    private static ResolvedDistribution Resolve(DistributionRequest request)
    {
        Assert.True(Shared.TryResolve(request, out var resolved, out var error), error);
        return resolved;
    }

    private static string Fail(DistributionRequest request)
    {
        Assert.False(Shared.TryResolve(request, out var resolved, out var error));
        Assert.Null(resolved);
        return error;
    }

    [Fact]
    public void Defaults_on_an_old_minor()
    {
        var resolved = Resolve(new DistributionRequest("2.3.x", "ghcr.io/fluxcd"));

        Assert.Equal("v2.3.0", resolved.Version.Name);
        Assert.True(resolved.Version.IsOutdated);
        Assert.Equal("v2.9.4", resolved.Version.LatestStable.Name);
        Assert.Equal(FluxComponents.Default, resolved.Components);
        Assert.Equal(
        [
            "ghcr.io/fluxcd/source-controller:v1.3.0@sha256:161da425b16b64dda4b3cec2ba0f8d7442973aba29bb446db3b340626181a0bc",
            "ghcr.io/fluxcd/kustomize-controller:v1.3.0@sha256:48a032574dd45c39750ba0f1488e6f1ae36756a38f40976a6b7a588d83acefc1",
            "ghcr.io/fluxcd/helm-controller:v1.0.1@sha256:a67a037faa850220ff94d8090253732079589ad9ff10b6ddf294f3b7cd0f3424",
            "ghcr.io/fluxcd/notification-controller:v1.3.0@sha256:c0fab940c7e578ea519097d36c040238b0cc039ce366fdb753947428bbf0c3d6",
        ], resolved.Images.Images.Select(i => i.Reference));
        Assert.Equal(Path.Combine(Store, "flux", "v2.3.0"), resolved.Files.Directory);
    }

    [Fact]
    public void Latest_release_with_all_components()
    {
        var resolved = Resolve(new DistributionRequest("2.x", "ghcr.io/fluxcd", Components: FluxComponents.All));

        Assert.Equal("v2.9.4", resolved.Version.Name);
        Assert.False(resolved.Version.IsOutdated);
        Assert.Equal(7, resolved.Images.Images.Count);
        Assert.Equal("ghcr.io/fluxcd/source-watcher:v2.2.3@sha256:40f35415a78f4514aea41cf4d6dd299d59bc646eb4a73365eac831c8ced2445a",
            resolved.Images.Images.Single(i => i.Name == "source-watcher").Reference);
        Assert.Equal("ghcr.io/fluxcd/helm-controller:v1.6.3@sha256:16ada99456385100698a5d7adf90aba8a2089d987ab541c9566b6d7b0e897038",
            resolved.Images.Images.Single(i => i.Name == "helm-controller").Reference);
    }

    [Theory]
    [InlineData("2.8.4")]
    [InlineData("3.x")]
    public void Constraint_matching_no_release_folder(string version)
    {
        Assert.Equal($"no match found for semver: {version} in {Store}/flux matching embedded minor versions in {Store}/flux",
            Fail(new DistributionRequest(version, "ghcr.io/fluxcd")));
    }

    [Theory]
    [InlineData(">=2.4 <2.6")]
    [InlineData(">=2.4, <2.6")]
    [InlineData("2.4 - 2.5")]
    public void Range_with_and(string version)
    {
        var resolved = Resolve(new DistributionRequest(version, "ghcr.io/fluxcd"));

        Assert.Equal("v2.5.1", resolved.Version.Name);
        Assert.Equal(
        [
            "v1.5.0@sha256:00cd9316a3790f3e212132f38c849f87d6e6eeca6272ec9557387be3cec054be",
            "v1.5.1@sha256:b89935f9428764c389c5192fdb8f6c53b66e365fa09ac8cec597e82273e9f518",
            "v1.2.0@sha256:62eaa9c9a9296a22684f9a77befa4f7fbf850fc314da47b3d6c28ad2e34ba965",
            "v1.5.0@sha256:9fe4b5fb312eace22e43969975938deca08d64282c9a1e2783afe91be3da2869",
        ], resolved.Images.Images.Select(i => $"{i.Tag}@{i.Digest}"));
    }

    [Theory]
    [InlineData(">=2.4 && <2.6", "semver '>=2.4 && <2.6' parse error: improper constraint: \">=2.4 && <2.6\"")]
    [InlineData("latest", "semver 'latest' parse error: improper constraint: \"latest\"")]
    public void Invalid_constraint(string version, string expected)
    {
        Assert.Equal(expected, Fail(new DistributionRequest(version, "ghcr.io/fluxcd")));
    }

    [Fact]
    public void Unknown_component()
    {
        Assert.Equal("invalid component: flagger", Fail(new DistributionRequest("2.7.x", "ghcr.io/fluxcd", Components: ["source-controller", "flagger"])));
    }

    [Fact]
    public void Source_watcher_on_2_6()
    {
        Assert.Equal("source-watcher is only supported in Flux versions >= 2.7.0",
            Fail(new DistributionRequest("2.6.x", "ghcr.io/fluxcd", Components: ["source-controller", "source-watcher"])));
    }

    [Theory]
    [InlineData("registry.example.com/mirror/fluxcd")]
    [InlineData("registry.example.com/mirror/fluxcd/")]
    public void Mirror_registry_without_variant_loses_digests(string registry)
    {
        var resolved = Resolve(new DistributionRequest("2.7.x", registry));

        Assert.Equal("v2.7.5", resolved.Version.Name);
        Assert.Equal("unsupported registry. consider specifying the distribution variant for registry: registry.example.com/mirror/fluxcd", resolved.Images.FallbackReason);
        Assert.Equal(
        [
            "registry.example.com/mirror/fluxcd/source-controller:v1.7.4",
            "registry.example.com/mirror/fluxcd/kustomize-controller:v1.7.3",
            "registry.example.com/mirror/fluxcd/helm-controller:v1.4.5",
            "registry.example.com/mirror/fluxcd/notification-controller:v1.7.5",
        ], resolved.Images.Images.Select(i => i.Reference));
    }

    [Fact]
    public void Mirror_registry_with_variant_keeps_upstream_digests()
    {
        var resolved = Resolve(new DistributionRequest("2.7.x", "registry.example.com/mirror/fluxcd", Variant: "upstream-alpine"));

        Assert.Equal(
        [
            "registry.example.com/mirror/fluxcd/source-controller:v1.7.4@sha256:16f21ac1795528df80ddef51ccbb14a57b78ea26e66dc8551636ef9a3cec71b3",
            "registry.example.com/mirror/fluxcd/kustomize-controller:v1.7.3@sha256:e8ca82d66dafdd8ef77e0917f4adec53478075130ac61264dc0f91eb0f8cb6ce",
            "registry.example.com/mirror/fluxcd/helm-controller:v1.4.5@sha256:d8d8fc2fb46c554e28071f1e4879be33491e71fdd3e0e41f61bb494a72c6dffc",
            "registry.example.com/mirror/fluxcd/notification-controller:v1.7.5@sha256:ba723a55f7c7c7feedd50bb5db0ff2dd9a3b0ae85b50f61a0457184025b38c54",
        ], resolved.Images.Images.Select(i => i.Reference));
    }

    [Fact]
    public void Fips_registry_on_a_release_without_a_fips_list()
    {
        var resolved = Resolve(new DistributionRequest("2.6.0", "ghcr.io/controlplaneio-fluxcd/distroless-fips"));

        Assert.Equal("v2.6.0", resolved.Version.Name);
        Assert.StartsWith("read body: open ", resolved.Images.FallbackReason, StringComparison.Ordinal);
        Assert.Equal(
        [
            "ghcr.io/controlplaneio-fluxcd/distroless-fips/source-controller:v1.6.0",
            "ghcr.io/controlplaneio-fluxcd/distroless-fips/kustomize-controller:v1.6.0",
            "ghcr.io/controlplaneio-fluxcd/distroless-fips/helm-controller:v1.3.0",
            "ghcr.io/controlplaneio-fluxcd/distroless-fips/notification-controller:v1.6.0",
        ], resolved.Images.Images.Select(i => i.Reference));

        var patched = Resolve(new DistributionRequest("2.6.4", "ghcr.io/controlplaneio-fluxcd/distroless-fips"));
        Assert.True(patched.Images.FromImageList);
        Assert.All(patched.Images.Images, i => Assert.True(i.HasDigest));
    }

    [Fact]
    public void Docker_hub_registry_two_components()
    {
        var resolved = Resolve(new DistributionRequest("2.5.x", "fluxcd", Components: ["source-controller", "kustomize-controller"]));

        Assert.Equal("v2.5.1", resolved.Version.Name);
        Assert.Equal(
        [
            "fluxcd/source-controller:v1.5.0@sha256:00cd9316a3790f3e212132f38c849f87d6e6eeca6272ec9557387be3cec054be",
            "fluxcd/kustomize-controller:v1.5.1@sha256:b89935f9428764c389c5192fdb8f6c53b66e365fa09ac8cec597e82273e9f518",
        ], resolved.Images.Images.Select(i => i.Reference));
    }

    [Theory]
    [InlineData("ghcr.io/controlplaneio-fluxcd/alpine", "enterprise-alpine")]
    [InlineData("ghcr.io/controlplaneio-fluxcd/distroless", "enterprise-distroless")]
    [InlineData("709825985650.dkr.ecr.us-east-1.amazonaws.com/controlplane/fluxcd", "enterprise-distroless")]
    [InlineData("ghcr.io/controlplaneio-fluxcd/distroless-fips/", "enterprise-distroless-fips")]
    [InlineData("fluxcd/", "upstream-alpine")]
    public void Registry_implies_the_variant(string registry, string variant)
    {
        var resolved = Resolve(new DistributionRequest("2.9.x", registry));

        Assert.Equal(variant, resolved.Images.Variant);
        Assert.True(resolved.Images.FromImageList);
    }

    [Fact]
    public void Downgrade_to_a_lower_minor_is_refused_but_a_patch_downgrade_is_not()
    {
        const string last = "v2.9.4@sha256:0000000000000000000000000000000000000000000000000000000000000000";

        Assert.Equal("downgrading from v2.9.4 to v2.8.8 is not supported, reinstall needed",
            Fail(new DistributionRequest("2.8.x", "ghcr.io/fluxcd", LastAppliedRevision: last)));
        Assert.Equal("v2.9.0", Resolve(new DistributionRequest("2.9.0", "ghcr.io/fluxcd", LastAppliedRevision: last)).Version.Name);
    }
}
