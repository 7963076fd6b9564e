using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>Renderer defaults and status images read from the rendered objects.</summary>
public class DefaultsAndStatusTests
{
    [Theory]
    [InlineData("", 3)]
    [InlineData("\ncluster:\n  size: small", 3)]
    [InlineData("\ncluster:\n  networkPolicy: true", 3)]
    [InlineData("\ncluster:\n  networkPolicy: false", 0)]
    public void Network_policies_default_to_on_even_when_the_cluster_block_omits_the_key(string cluster, int policies) =>
        Assert.Equal(policies, Build(Instance(Distro("2.9.x") + cluster)).Count("NetworkPolicy"));

    [Fact]
    public void Empty_cluster_settings_fall_back_to_the_renderer_defaults()
    {
        var build = Build(Instance(Distro("2.9.x") + "\ncluster:\n  domain: \"\"\n  tenantDefaultServiceAccount: \"\"\n  multitenant: true\nsharding:\n  key: \"\"\n  shards: [a]"));

        Assert.Equal("--events-addr=http://notification-controller.flux-system.svc.cluster.local./", build.Args("kustomize-controller")[0]);
        Assert.Contains("--default-service-account=default", build.Args("kustomize-controller"));
        Assert.Contains("--watch-label-selector=sharding.fluxcd.io/key=a", build.Args("kustomize-controller-a"));
    }

    [Fact]
    public void Status_images_follow_a_user_patch_that_replaces_an_image()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            kustomize:
              patches:
                - target:
                    kind: Deployment
                    name: source-controller
                    annotationSelector: "!sharding.fluxcd.io/role"
                  patch: |
                    - op: replace
                      path: /spec/template/spec/containers/0/image
                      value: registry.example.com/custom/source-controller:v9.9.9
            """));

        var source = build.Result.Components.Single(c => c.Name == "source-controller");
        Assert.Equal(("registry.example.com/custom/source-controller", "v9.9.9", null), (source.Repository, source.Tag, source.Digest));
        Assert.Equal("registry.example.com/custom/source-controller:v9.9.9", build.Image("source-controller"));
        Assert.StartsWith("ghcr.io/fluxcd/kustomize-controller:", build.Image("kustomize-controller"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_component_whose_deployment_a_user_patch_deleted_is_left_out_of_status()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            kustomize:
              patches:
                - target:
                    kind: Deployment
                    name: helm-controller
                  patch: |
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: any
                    $patch: delete
            """));

        Assert.False(build.Has("Deployment", "helm-controller"));
        Assert.Equal(["source-controller", "kustomize-controller", "notification-controller"], build.Result.Components.Select(c => c.Name));
    }

    [Fact]
    public void A_user_patch_image_named_after_the_component_is_still_pinned()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            kustomize:
              patches:
                - target:
                    kind: Deployment
                    name: source-controller
                  patch: |
                    - op: replace
                      path: /spec/template/spec/containers/0/image
                      value: fluxcd/source-controller:v0.0.1
            """));

        Assert.Matches("^ghcr\\.io/fluxcd/source-controller:v1\\.9\\.4@sha256:[0-9a-f]{64}$", build.Image("source-controller"));
    }
}
