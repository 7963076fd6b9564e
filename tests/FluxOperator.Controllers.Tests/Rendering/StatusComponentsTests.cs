using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

public class StatusComponentsTests
{
    private const string Digest = "sha256:8a8ed0a57b8b86f561d5a4309a69f65e62f0cebe4de8801593c5ff35a3bc3c23";

    [Fact]
    public void Status_lists_main_deployments_in_component_order_without_empty_digests()
    {
        JsonObject[] objects =
        [
            Deployment("kustomize-controller", "fluxcd/kustomize-controller:v1.5.1"),
            Deployment("source-controller-shard1", "ghcr.io/fluxcd/source-controller:v0@" + Digest),
            Deployment("source-controller", "ghcr.io/fluxcd/source-controller:v1.9.4@" + Digest),
        ];

        var status = StatusComponents.Extract(objects, ["source-controller", "helm-controller", "kustomize-controller"]);

        Assert.Equal(
            [("source-controller", "ghcr.io/fluxcd/source-controller", "v1.9.4", Digest), ("kustomize-controller", "index.docker.io/fluxcd/kustomize-controller", "v1.5.1", null)],
            status.Select(s => (s.Name, s.Repository, s.Tag, s.Digest)));
    }

    [Theory]
    [InlineData("ghcr.io/fluxcd/source-controller:v1@sha256:abc", "extract component images failed: ")]
    public void Malformed_images_fail_the_build(string image, string prefix)
    {
        var error = Assert.Throws<RenderException>(() => StatusComponents.Extract([Deployment("source-controller", image)], ["source-controller"]));
        Assert.StartsWith(prefix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deployment_without_containers_fails_the_build()
    {
        var deployment = new JsonObject { ["kind"] = "Deployment", ["metadata"] = new JsonObject { ["name"] = "source-controller" }, ["spec"] = new JsonObject() };
        Assert.Equal("containers not found in source-controller", Assert.Throws<RenderException>(() => StatusComponents.Extract([deployment], ["source-controller"])).Message);
    }

    private static JsonObject Deployment(string name, string image) => new()
    {
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "manager", ["image"] = image }) },
            },
        },
    };
}
