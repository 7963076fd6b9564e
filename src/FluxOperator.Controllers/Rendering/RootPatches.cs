using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Api.V1.FluxComponents;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The root patch list P1–P10 (docs/rendering.md#root-patches), in exactly the order the Go operator applies it.</summary>
public static class RootPatches
{
    /// <summary>Every root patch for <paramref name="parameters"/>; user patches come last.</summary>
    public static IReadOnlyList<Patch> For(BuildParameters parameters, ReleaseGates gates)
    {
        var patches = new List<Patch> { NodeSelectorAndPullSecret(parameters.ImagePullSecret) };
        foreach (var component in parameters.Components)
        {
            patches.Add(ComponentArgs(component, parameters));
            if (component == SourceController && parameters.Storage is not null)
            {
                patches.Add(PersistentStorage());
            }
        }

        if (parameters.Shards.Count > 0)
        {
            patches.Add(Json(
                new PatchTarget(Kind: "Deployment", Name: ShardableNamePattern(gates), AnnotationSelector: "!" + ShardRole),
                Add(ManagerArgs + "/-", $"--watch-label-selector=!{parameters.ShardingKey}")));
        }

        if (parameters.ClusterType == "openshift")
        {
            patches.AddRange(ClusterPatches.OpenShift());
        }

        patches.AddRange(SizeProfiles.For(parameters.ClusterSize));
        if (parameters.Multitenant)
        {
            patches.AddRange(ClusterPatches.Multitenancy(parameters.TenantDefaultServiceAccount));
        }

        if (parameters.Components.Contains(SourceWatcher))
        {
            patches.AddRange(ClusterPatches.SourceWatcherGate());
        }

        if (parameters.Components.Contains(NotificationController))
        {
            patches.AddRange(ClusterPatches.NotificationExtension(gates));
        }

        patches.AddRange(WorkloadIdentity.Patches(parameters, gates));
        patches.AddRange(parameters.Patches);
        return patches;
    }

    /// <summary>The name regex of the shardable controllers, <c>|source-watcher</c> inside the group from minor 9.</summary>
    internal static string ShardableNamePattern(ReleaseGates gates) =>
        "(source-controller|kustomize-controller|helm-controller|image-reflector-controller|image-automation-controller"
        + (gates.ShardsSourceWatcher ? "|source-watcher" : string.Empty) + ")";

    // P1: Linux nodes only; the pull secret merges by name with any the user adds.
    private static Patch NodeSelectorAndPullSecret(string? imagePullSecret)
    {
        var podSpec = new JsonObject { ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "linux" } };
        if (!string.IsNullOrEmpty(imagePullSecret))
        {
            podSpec["imagePullSecrets"] = new JsonArray(new JsonObject { ["name"] = imagePullSecret });
        }

        return Patch.StrategicMerge(
            new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = new JsonObject { ["name"] = "all" },
                ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = podSpec } },
            },
            new PatchTarget(Kind: "Deployment"));
    }

    // P2: the release args by position, rewritten with this instance's addresses.
    private static Patch ComponentArgs(string component, BuildParameters parameters)
    {
        if (component == NotificationController)
        {
            return Json(
                Deployment(component),
                Replace(ManagerArgs + "/0", "--watch-all-namespaces=true"),
                Replace(ManagerArgs + "/1", "--log-level=info"));
        }

        var operations = new List<JsonNode>
        {
            Replace(ManagerArgs + "/0", $"--events-addr={parameters.EventsAddress}"),
            Replace(ManagerArgs + "/1", "--watch-all-namespaces=true"),
            Replace(ManagerArgs + "/2", "--log-level=info"),
        };
        if (component is SourceController or SourceWatcher)
        {
            operations.Add(Replace(ManagerArgs + "/6", $"--storage-adv-addr={component}.$(RUNTIME_NAMESPACE).svc.{parameters.ClusterDomain}."));
        }

        return Json(Deployment(component), [.. operations]);
    }

    // P2b: the main source-controller stores artifacts on the claim; shards keep theirs.
    private static Patch PersistentStorage() => Json(
        Deployment(SourceController, "!" + ShardRole),
        Add("/spec/template/spec/volumes/-", new JsonObject
        {
            ["name"] = "persistent-data",
            ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = SourceController },
        }),
        Replace("/spec/template/spec/containers/0/volumeMounts/0", new JsonObject { ["name"] = "persistent-data", ["mountPath"] = "/data" }));
}
