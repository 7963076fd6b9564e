using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Commands.Cluster;

/// <summary>What the tables show of one object: its Ready condition, or <c>Suspended</c> when reconciliation is off.</summary>
internal sealed record FluxObjectStatus(string Ready, string Message, string LastReconciled)
{
    public static FluxObjectStatus Of(JsonObject obj)
    {
        var ready = ReadyCondition(obj);
        var status = ready?["status"]?.GetValue<string>() ?? "Unknown";
        if (IsSuspended(obj))
        {
            status = "Suspended";
        }

        return new FluxObjectStatus(
            status,
            ready?["message"]?.GetValue<string>() ?? "Not initialized",
            ready?["lastTransitionTime"]?.GetValue<string>() ?? "Unknown");
    }

    /// <summary>The <c>Ready</c> condition, or null.</summary>
    public static JsonObject? ReadyCondition(JsonObject obj) =>
        (obj["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == "Ready");

    /// <summary>Reconciliation disabled by annotation (operator kinds) or <c>spec.suspend</c> (toolkit kinds).</summary>
    public static bool IsSuspended(JsonObject obj) =>
        obj["metadata"]?["annotations"]?[AnnotationKeys.Reconcile]?.GetValue<string>() == AnnotationKeys.DisabledValue
        || obj["spec"]?["suspend"] is JsonValue suspend && suspend.TryGetValue<bool>(out var value) && value;
}
