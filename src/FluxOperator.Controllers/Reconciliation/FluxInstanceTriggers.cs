using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Which watch events start a pass, and which changes of managed objects count as drift.</summary>
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
    /// A managed object was deleted, or another writer than us changed its spec (generation), labels, annotations
    /// or body. Additions are ours (the pass created them) or the initial list.
    /// </summary>
    public static bool IsDrift(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type switch
        {
            InformerEventType.Deleted => true,
            InformerEventType.Updated when e.Old is not null =>
                !JsonNode.DeepEquals(ForeignManagers(e.Old), ForeignManagers(e.Object))
                && (ObjectMeta.Generation(e.Old) != ObjectMeta.Generation(e.Object)
                || !SameMap(e.Old, e.Object, "labels")
                || !SameMap(e.Old, e.Object, "annotations")
                || (ObjectMeta.Generation(e.Object) == 0 && !JsonNode.DeepEquals(Body(e.Old), Body(e.Object)))),
            _ => false,
        };
    }

    // Our own applies only touch our managedFields entry, controllers' status writes only status entries: a change
    // that leaves every other main-resource entry as it was is not drift, so our writes do not trigger extra passes.
    private static JsonArray ForeignManagers(JsonObject obj) =>
        new((obj["metadata"]?["managedFields"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(m => m["manager"]?.GetValue<string>() != Api.V1.ApiGroup.FieldManager && string.IsNullOrEmpty(m["subresource"]?.GetValue<string>()))
            .Select(m => m.DeepClone())
            .ToArray());

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
