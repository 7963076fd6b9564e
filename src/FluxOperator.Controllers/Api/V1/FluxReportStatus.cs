using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Readiness of a FluxReport (<c>FluxReport.status</c>).</summary>
public sealed class FluxReportStatus
{
    /// <summary>Value of the last handled <c>reconcile.fluxcd.io/requestedAt</c> (not maintained by the operator).</summary>
    [JsonPropertyName("lastHandledReconcileAt")]
    [SchemaDescription("LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value can be detected.")]
    public string? LastHandledReconcileAt { get; set; }

    /// <summary>The <c>Ready</c> condition.</summary>
    [JsonPropertyName("conditions")]
    [SchemaDescription("Conditions contains the readiness conditions of the object.")]
    public List<V1Condition>? Conditions { get; set; }
}
