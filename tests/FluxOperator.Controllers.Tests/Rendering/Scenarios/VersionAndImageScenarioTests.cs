using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>Version resolution, component checks, image variants and fallbacks.</summary>
public class VersionAndImageScenarioTests
{
    private static string Flux => Path.Combine(Store, "flux");

    [Theory]
    [InlineData("2.8.4")]
    [InlineData("3.x")]
    public void Constraints_without_a_release_fail_naming_both_stores(string version) =>
        Assert.Equal(
            $"no match found for semver: {version} in {Flux} matching embedded minor versions in {Flux}",
            Error(Instance(Distro(version))));

    [Fact]
    public void And_ranges_select_the_highest_release_with_identical_revisions()
    {
        var builds = new[] { ">=2.4 <2.6", ">=2.4, <2.6", "2.4 - 2.5" }.Select(v => Build(Instance(Distro(v)))).ToArray();

        Assert.All(builds, b => Assert.Equal("v2.5.1", b.Result.Version));
        Assert.Single(builds.Select(b => b.Result.Revision).Distinct());
        var build = builds[0];
        Assert.Equal(31, build.All.Count);
        Assert.DoesNotContain(build.Deployments, d => ArgsOf(d).Any(a => a.StartsWith("--feature-gates", StringComparison.Ordinal)));
        Assert.Equal("ghcr.io/fluxcd/source-controller:v1.5.0@sha256:00cd9316a3790f3e212132f38c849f87d6e6eeca6272ec9557387be3cec054be", build.Image("source-controller"));
        Assert.Equal("ghcr.io/fluxcd/kustomize-controller:v1.5.1@sha256:b89935f9428764c389c5192fdb8f6c53b66e365fa09ac8cec597e82273e9f518", build.Image("kustomize-controller"));
        Assert.Equal("ghcr.io/fluxcd/helm-controller:v1.2.0@sha256:62eaa9c9a9296a22684f9a77befa4f7fbf850fc314da47b3d6c28ad2e34ba965", build.Image("helm-controller"));
        Assert.Equal("ghcr.io/fluxcd/notification-controller:v1.5.0@sha256:9fe4b5fb312eace22e43969975938deca08d64282c9a1e2783afe91be3da2869", build.Image("notification-controller"));
    }

    [Theory]
    [InlineData(">=2.4 && <2.6", "semver '>=2.4 && <2.6' parse error: improper constraint: \">=2.4 && <2.6\"")]
    [InlineData("latest", "semver 'latest' parse error: improper constraint: \"latest\"")]
    public void Invalid_constraints_fail_with_the_parse_error(string version, string message) =>
        Assert.Equal(message, Error(Instance(Distro(version))));

    [Fact]
    public void Unknown_components_are_rejected_by_name() =>
        Assert.Equal("invalid component: flagger", Error(Instance(Distro("2.7.x") + "\ncomponents: [source-controller, flagger]")));

    [Fact]
    public void Source_watcher_needs_flux_2_7() =>
        Assert.Equal(
            "source-watcher is only supported in Flux versions >= 2.7.0",
            Error(Instance(Distro("2.6.x") + "\ncomponents: [source-controller, source-watcher]")));

    [Theory]
    [InlineData("registry.example.com/mirror/fluxcd")]
    [InlineData("registry.example.com/mirror/fluxcd/")]
    public void Mirror_registry_without_variant_falls_back_to_digestless_images(string registry)
    {
        var outcome = Outcome(Instance(Distro("2.7.x", registry)));
        var build = new RenderedObjects(outcome.Result);

        Assert.Equal("v2.7.5", build.Result.Version);
        Assert.Equal(32, build.All.Count);
        Assert.Equal(11, build.Count("CustomResourceDefinition"));
        Assert.Equal("registry.example.com/mirror/fluxcd/source-controller:v1.7.4", build.Image("source-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/kustomize-controller:v1.7.3", build.Image("kustomize-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/helm-controller:v1.4.5", build.Image("helm-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/notification-controller:v1.7.5", build.Image("notification-controller"));
        Assert.All(build.Result.Components, c => Assert.Null(c.Digest));
        Assert.Contains(outcome.Notices, n => n.Contains("unsupported registry. consider specifying the distribution variant for registry: registry.example.com/mirror/fluxcd", StringComparison.Ordinal));
    }

    [Fact]
    public void Trailing_slash_on_the_registry_changes_nothing() =>
        Assert.Equal(
            Build(Instance(Distro("2.7.x", "registry.example.com/mirror/fluxcd"))).Result.Revision,
            Build(Instance(Distro("2.7.x", "registry.example.com/mirror/fluxcd/"))).Result.Revision);

    [Fact]
    public void Mirror_registry_with_variant_keeps_the_upstream_digests()
    {
        var spec = Distro("2.7.x", "registry.example.com/mirror/fluxcd") + "\n  variant: upstream-alpine";
        var build = Build(Instance(spec));

        Assert.Equal("registry.example.com/mirror/fluxcd/source-controller:v1.7.4@sha256:16f21ac1795528df80ddef51ccbb14a57b78ea26e66dc8551636ef9a3cec71b3", build.Image("source-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/kustomize-controller:v1.7.3@sha256:e8ca82d66dafdd8ef77e0917f4adec53478075130ac61264dc0f91eb0f8cb6ce", build.Image("kustomize-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/helm-controller:v1.4.5@sha256:d8d8fc2fb46c554e28071f1e4879be33491e71fdd3e0e41f61bb494a72c6dffc", build.Image("helm-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/notification-controller:v1.7.5@sha256:ba723a55f7c7c7feedd50bb5db0ff2dd9a3b0ae85b50f61a0457184025b38c54", build.Image("notification-controller"));
        Assert.Equal("registry.example.com/mirror/fluxcd/source-controller", build.Result.Components[0].Repository);
        Assert.NotEqual(Build(Instance(Distro("2.7.x", "registry.example.com/mirror/fluxcd"))).Result.Revision, build.Result.Revision);
    }

    [Fact]
    public void Fips_registry_without_a_fips_list_falls_back_and_removes_the_token_rule()
    {
        var build = Build(Instance(Distro("2.6.0", "ghcr.io/controlplaneio-fluxcd/distroless-fips")));

        Assert.Equal("v2.6.0", build.Result.Version);
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless-fips/source-controller:v1.6.0", build.Image("source-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless-fips/kustomize-controller:v1.6.0", build.Image("kustomize-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless-fips/helm-controller:v1.3.0", build.Image("helm-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless-fips/notification-controller:v1.6.0", build.Image("notification-controller"));
        Assert.DoesNotContain(build.Deployments, d => ArgsOf(d).Any(a => a.StartsWith("--feature-gates", StringComparison.Ordinal)));
        Assert.DoesNotContain(Rules(build.Get("ClusterRole", "crd-controller-flux-system")), IsTokenRule);

        var withList = Build(Instance(Distro("2.6.4", "ghcr.io/controlplaneio-fluxcd/distroless-fips")));
        Assert.All(withList.Deployments, d => Assert.Contains("@sha256:", Manager(d)["image"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public void Docker_hub_registry_with_two_components()
    {
        var build = Build(Instance(Distro("2.5.x", "fluxcd") + "\ncomponents: [source-controller, kustomize-controller]"));

        Assert.Equal("v2.5.1", build.Result.Version);
        Assert.Equal(21, build.All.Count);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["ClusterRole"] = 3, ["ClusterRoleBinding"] = 2, ["CustomResourceDefinition"] = 6, ["Deployment"] = 2, ["Namespace"] = 1,
                ["NetworkPolicy"] = 3, ["ResourceQuota"] = 1, ["Service"] = 1, ["ServiceAccount"] = 2,
            },
            build.Counts);
        Assert.Equal("fluxcd/source-controller:v1.5.0@sha256:00cd9316a3790f3e212132f38c849f87d6e6eeca6272ec9557387be3cec054be", build.Image("source-controller"));
        Assert.Equal("fluxcd/kustomize-controller:v1.5.1@sha256:b89935f9428764c389c5192fdb8f6c53b66e365fa09ac8cec597e82273e9f518", build.Image("kustomize-controller"));
        Assert.Equal(["index.docker.io/fluxcd/source-controller", "index.docker.io/fluxcd/kustomize-controller"], build.Result.Components.Select(c => c.Repository));
        Assert.Equal("--events-addr=", build.Args("source-controller")[0]);
        Assert.Equal("--events-addr=", build.Args("kustomize-controller")[0]);
        Assert.DoesNotContain(build.Names("CustomResourceDefinition"), n => n.EndsWith("notification.toolkit.fluxcd.io", StringComparison.Ordinal));
        Assert.DoesNotContain(Rules(build.Get("ClusterRole", "crd-controller-flux-system")), IsOperatorRule);
    }
}
