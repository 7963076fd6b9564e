using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Api.V1.FluxComponents;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The vertical scaling profiles of <c>spec.cluster.size</c> (root patch P5 of docs/rendering.md#root-patches).</summary>
public static class SizeProfiles
{
    /// <summary>The sizes the API admits.</summary>
    public static IReadOnlyList<string> Sizes { get; } = ["small", "medium", "large"];

    /// <summary>The patches of the profile for <paramref name="size"/> (null or empty: the default profile).</summary>
    public static IReadOnlyList<Patch> For(string? size)
    {
        var patches = new List<Patch> { Common(string.IsNullOrEmpty(size) ? null : size) };
        var source = Deployments(SourceController);
        var kustomizeAndHelm = Deployments(KustomizeController, HelmController);
        switch (size)
        {
            case "small":
                patches.Add(Json(new PatchTarget(Kind: "Deployment"), Replace(ManagerResources, Resources("100m", "64Mi", "1000m", "512Mi"))));
                patches.Add(Json(kustomizeAndHelm, AppendArgs("--concurrent=5", "--requeue-dependency=10s")));
                patches.Add(Json(source, AppendArgs("--helm-cache-max-size=10", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m")));
                break;
            case "medium":
                patches.Add(Json(
                    Deployments(KustomizeController, HelmController, SourceController),
                    Replace(ManagerResources, Resources("100m", "128Mi", "2000m", "1Gi"))));
                patches.Add(Json(kustomizeAndHelm, AppendArgs("--concurrent=10", "--requeue-dependency=5s")));
                patches.Add(Json(source, AppendArgs("--helm-cache-max-size=50", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m", "--concurrent=5")));
                break;
            case "large":
                patches.Add(Json(
                    kustomizeAndHelm,
                    [.. AppendArgs("--concurrent=20", "--requeue-dependency=5s"), Replace(ManagerResources, Resources("100m", "256Mi", "3000m", "3Gi"))]));
                patches.Add(Json(
                    source,
                    [
                        .. AppendArgs("--helm-cache-max-size=100", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m", "--concurrent=10"),
                        Replace(ManagerResources, Resources("100m", "256Mi", "2000m", "2Gi")),
                    ]));
                break;
        }

        return patches;
    }

    // Every profile, the default one included, labels pods as part of Flux and lets the autoscaler evict them.
    private static Patch Common(string? size)
    {
        var metadata = new JsonObject { ["name"] = "all" };
        if (size is not null)
        {
            metadata["annotations"] = new JsonObject { ["fluxcd.controlplane.io/profile"] = size };
        }

        return Patch.StrategicMerge(
            new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = metadata,
                ["spec"] = new JsonObject
                {
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject
                        {
                            ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "flux" },
                            ["annotations"] = new JsonObject { ["cluster-autoscaler.kubernetes.io/safe-to-evict"] = "true" },
                        },
                    },
                },
            },
            new PatchTarget(Kind: "Deployment"));
    }
}
