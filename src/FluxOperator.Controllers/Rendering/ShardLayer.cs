using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using static FluxOperator.Controllers.Api.V1.FluxComponents;
using static FluxOperator.Controllers.Rendering.JsonPatchOp;

namespace FluxOperator.Controllers.Rendering;

/// <summary>One shard's layer: copies of the shardable controllers that watch only objects labelled for the shard (docs/rendering.md#layers).</summary>
public static class ShardLayer
{
    /// <summary>Kinds shared with the main controllers and therefore dropped from every shard.</summary>
    private const string SharedKinds =
        "(Namespace|CustomResourceDefinition|ClusterRole|ClusterRoleBinding|ServiceAccount|NetworkPolicy|ResourceQuota)";

    /// <summary>The layer for shard <paramref name="shard"/> over the given shardable component manifests.</summary>
    /// <param name="shard">Shard name, used as the name suffix and in the watch selector.</param>
    /// <param name="componentManifests">Fresh objects of each shardable component file, in spec order.</param>
    /// <param name="parameters">The build parameters.</param>
    /// <param name="gates">The release switches.</param>
    public static Layer Create(string shard, IEnumerable<JsonObject> componentManifests, BuildParameters parameters, ReleaseGates gates)
    {
        var layer = new Layer { Namespace = parameters.Namespace, NameSuffix = "-" + shard };
        layer.CommonAnnotations[ShardRole] = "shard";
        layer.Add(componentManifests);
        if (parameters.PersistentShardStorage)
        {
            layer.Add(GeneratedObjects.PersistentVolumeClaim(parameters.Storage));
        }

        layer.Patches.Add(Patch.StrategicMerge(
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "all", ["metadata"] = new JsonObject { ["name"] = "all" }, ["$patch"] = "delete" },
            new PatchTarget(Kind: SharedKinds)));
        layer.Patches.Add(ServiceSelector(SourceController, shard));
        if (gates.ShardsSourceWatcher)
        {
            layer.Patches.Add(ServiceSelector(SourceWatcher, shard));
        }

        var sourceOperations = new List<JsonNode>(AppLabels(SourceController, shard)) { StorageAddress(SourceController, shard, parameters) };
        if (parameters.PersistentShardStorage)
        {
            sourceOperations.Add(Replace("/spec/template/spec/volumes/0", new JsonObject
            {
                ["name"] = $"persistent-data-{shard}",
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = $"{SourceController}-{shard}" },
            }));
            sourceOperations.Add(Replace(
                "/spec/template/spec/containers/0/volumeMounts/0",
                new JsonObject { ["name"] = $"persistent-data-{shard}", ["mountPath"] = "/data" }));
        }

        layer.Patches.Add(Json(new PatchTarget(Kind: "Deployment", Name: SourceController), [.. sourceOperations]));
        if (gates.ShardsSourceWatcher)
        {
            layer.Patches.Add(Json(
                new PatchTarget(Kind: "Deployment", Name: SourceWatcher),
                [.. AppLabels(SourceWatcher, shard), StorageAddress(SourceWatcher, shard, parameters)]));
        }

        foreach (var component in new[] { KustomizeController, HelmController, ImageReflectorController, ImageAutomationController })
        {
            layer.Patches.Add(Json(new PatchTarget(Kind: "Deployment", Name: component), AppLabels(component, shard)));
        }

        layer.Patches.Add(Json(
            new PatchTarget(Kind: "Deployment", Name: RootPatches.ShardableNamePattern(gates)),
            Add(ManagerArgs + "/-", $"--watch-label-selector={parameters.ShardingKey}={shard}")));
        return layer;
    }

    /// <summary>Components that get shard copies; source-watcher joins them from minor 9.</summary>
    public static bool IsShardable(string component, ReleaseGates gates) => component switch
    {
        SourceController or KustomizeController or HelmController or ImageReflectorController or ImageAutomationController => true,
        SourceWatcher => gates.ShardsSourceWatcher,
        _ => false,
    };

    private static Patch ServiceSelector(string component, string shard) =>
        Json(new PatchTarget(Kind: "Service", Name: component), Replace("/spec/selector/app", $"{component}-{shard}"));

    // The shard's pods must not be selected by the main Deployment and Service, hence its own app label.
    private static JsonNode[] AppLabels(string component, string shard) =>
    [
        Replace("/spec/selector/matchLabels/app", $"{component}-{shard}"),
        Replace("/spec/template/metadata/labels/app", $"{component}-{shard}"),
    ];

    private static JsonObject StorageAddress(string component, string shard, BuildParameters parameters) =>
        Add(ManagerArgs + "/-", $"--storage-adv-addr={component}-{shard}.$(RUNTIME_NAMESPACE).svc.{parameters.ClusterDomain}.");
}
