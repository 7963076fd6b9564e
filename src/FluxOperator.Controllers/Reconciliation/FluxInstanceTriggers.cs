using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Which watch events start a pass (§3.1), and which changes of managed objects count as drift.</summary>
public static class FluxInstanceTriggers
{
    /// <summary>Create, delete, and updates that change <c>metadata.generation</c> or any annotation.</summary>
    public static bool IsInstanceTrigger(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type != InformerEventType.Updated
            || e.Old is null
            || ObjectMeta.Generation(e.Old) != ObjectMeta.Generation(e.Object)
            || !SameMap(e.Old, e.Object, "annotations");
    }

    /// <summary>
    /// A managed object was deleted, or its spec (generation), labels or annotations changed: something other than a
    /// controller's status update touched it. Additions are ours (the pass created them) or the initial list.
    /// </summary>
    public static bool IsDrift(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            InformerEventType.Deleted => true,
            InformerEventType.Updated when e.Old is not null =>
                ObjectMeta.Generation(e.Old) != ObjectMeta.Generation(e.Object)
                || !SameMap(e.Old, e.Object, "labels")
                || !SameMap(e.Old, e.Object, "annotations")
                || (ObjectMeta.Generation(e.Object) == 0 && !JsonNode.DeepEquals(Body(e.Old), Body(e.Object))),
            _ => false,
        };
    }

    private static bool SameMap(JsonObject a, JsonObject b, string key) =>
        JsonNode.DeepEquals(a["metadata"]?[key], b["metadata"]?[key]);

    // Kinds without generation (ConfigMaps, ServiceAccounts, RBAC): compare everything but metadata and status.
    private static JsonObject Body(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }
}
