using System.Text.Json.Nodes;
using FluxOperator.Controllers.Distribution.Catalogue;

namespace FluxOperator.Controllers.Tests.Distribution.Catalogue;

public class RenderedImagesTests
{
    private const string Digest = "sha256:b89935f9428764c389c5192fdb8f6c53b66e365fa09ac8cec597e82273e9f518";

    private static JsonObject Deployment(string name, params (string Container, string Image)[] containers) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "flux-system" },
        ["spec"] = new JsonObject
        {
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Container, ["image"] = c.Image }).ToArray()),
                },
            },
        },
    };

    [Fact]
    public void Status_lists_the_manager_image_of_each_component_deployment_in_component_order()
    {
        JsonObject[] objects =
        [
            Deployment("kustomize-controller", ("manager", $"fluxcd/kustomize-controller:v1.5.1@{Digest}")),
            Deployment("kustomize-controller-shard1", ("manager", "fluxcd/kustomize-controller:v9.9.9")),
            Deployment("source-controller", ("sidecar", "busybox:1"), ("manager", "registry.example.com/mirror/source-controller:v1.5.0")),
            new JsonObject { ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "source-controller" } },
        ];

        Assert.True(RenderedImages.TryExtract(objects, ["source-controller", "helm-controller", "kustomize-controller"], out var images, out var error), error);

        Assert.Equal(
        [
            new ResolvedImage("source-controller", "registry.example.com/mirror/source-controller", "v1.5.0", ""),
            new ResolvedImage("kustomize-controller", "index.docker.io/fluxcd/kustomize-controller", "v1.5.1", Digest),
        ], images);
    }

    [Fact]
    public void Deployment_without_containers_fails()
    {
        var deployment = Deployment("source-controller");
        deployment["spec"]!["template"]!["spec"]!.AsObject().Remove("containers");

        Assert.False(RenderedImages.TryExtract([deployment], ["source-controller"], out _, out var error));
        Assert.Equal("containers not found in source-controller", error);
    }

    [Fact]
    public void Malformed_digest_fails_with_the_extract_message()
    {
        var deployment = Deployment("source-controller", ("manager", "ghcr.io/fluxcd/source-controller:v1@sha256:123"));

        Assert.False(RenderedImages.TryExtract([deployment], ["source-controller"], out _, out var error));
        Assert.Equal("extract component images failed: could not parse reference: ghcr.io/fluxcd/source-controller:v1@sha256:123", error);
    }
}
