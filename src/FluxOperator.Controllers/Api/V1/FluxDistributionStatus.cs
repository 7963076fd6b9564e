using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Installed Flux version and who manages it (<c>FluxReport.spec.distribution</c>).</summary>
public sealed class FluxDistributionStatus
{
    /// <summary><c>Unknown</c>, <c>Issued</c> or <c>Issued by &lt;vendor&gt;</c>.</summary>
    [JsonPropertyName("entitlement")]
    [SchemaRequired]
    [SchemaDescription("Entitlement is the entitlement verification status.")]
    public string Entitlement { get; set; } = "";

    /// <summary><c>Installed</c>, <c>Not Installed</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")]
    [SchemaRequired]
    [SchemaDescription("Status is a human-readable message indicating details about the distribution observed state.")]
    public string Status { get; set; } = "";

    /// <summary>Flux version from the CRD label.</summary>
    [JsonPropertyName("version")]
    [SchemaDescription("Version is the version of the Flux instance.")]
    public string? Version { get; set; }

    /// <summary><c>flux-operator</c>, <c>flux bootstrap</c>, or absent.</summary>
    [JsonPropertyName("managedBy")]
    [SchemaDescription("ManagedBy is the name of the operator managing the Flux instance.")]
    public string? ManagedBy { get; set; }
}
