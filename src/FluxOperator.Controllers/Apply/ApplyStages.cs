using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>Partitions desired objects into stages, each in canonical order.</summary>
public static class ApplyStages
{
    /// <summary>The stage an object belongs to.</summary>
    public static ApplyStage StageOf(ObjectId id) => id switch
    {
        { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" } => ApplyStage.Definitions,
        { Group: "", Kind: "Namespace" } => ApplyStage.Definitions,
        { Group: "rbac.authorization.k8s.io", Kind: "ClusterRole" } => ApplyStage.Definitions,
        _ when id.Kind.EndsWith("Class", StringComparison.Ordinal) => ApplyStage.Classes,
        _ => ApplyStage.Resources,
    };

    /// <summary>Whether the stage is waited for until all its objects are Current before the next starts.</summary>
    public static bool IsWaitedFor(ApplyStage stage) => stage is ApplyStage.Definitions or ApplyStage.Classes;

    /// <summary>The non-empty stages in order, each with its objects in canonical order.</summary>
    public static IReadOnlyList<KeyValuePair<ApplyStage, IReadOnlyList<JsonObject>>> Partition(IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        return objects
            .Select(o => (Id: ObjectId.Of(o), Object: o))
            .GroupBy(x => StageOf(x.Id))
            .OrderBy(g => g.Key)
            .Select(g => new KeyValuePair<ApplyStage, IReadOnlyList<JsonObject>>(
                g.Key, g.OrderBy(x => x.Id, ApplyOrder.Comparer).Select(x => x.Object).ToArray()))
            .ToArray();
    }
}
