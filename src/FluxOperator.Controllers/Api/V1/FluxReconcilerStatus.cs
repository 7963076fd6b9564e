using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Object counts of one Flux kind (<c>FluxReport.spec.reconcilers[]</c>).</summary>
public sealed class FluxReconcilerStatus
{
    /// <summary>Group/version listed.</summary>
    [JsonPropertyName("apiVersion")]
    [SchemaRequired]
    [SchemaDescription("APIVersion is the API version of the Flux resource.")]
    public string ApiVersion { get; set; } = "";

    /// <summary>Kind listed.</summary>
    [JsonPropertyName("kind")]
    [SchemaRequired]
    [SchemaDescription("Kind is the kind of the Flux resource.")]
    public string Kind { get; set; } = "";

    /// <summary>The counts: always written by us, optional in the schema because the Go operator may leave them out.</summary>
    [JsonPropertyName("stats")]
    [SchemaDescription("Stats is the reconcile statics of the Flux resource kind.")]
    public FluxReconcilerStats Stats { get; set; } = new();
}
