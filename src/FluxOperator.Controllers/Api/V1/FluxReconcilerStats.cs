using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Running, failing and suspended counts and artifact size of one kind.</summary>
public sealed class FluxReconcilerStats
{
    /// <summary>Objects not suspended (failing ones included).</summary>
    [JsonPropertyName("running")]
    [SchemaRequired]
    [SchemaDescription("Running is the number of reconciled resources in the Running state.")]
    public int Running { get; set; }

    /// <summary>Objects not suspended whose Ready condition is False (reason other than DependencyNotReady).</summary>
    [JsonPropertyName("failing")]
    [SchemaRequired]
    [SchemaDescription("Failing is the number of reconciled resources in the Failing state.")]
    public int Failing { get; set; }

    /// <summary>Suspended objects.</summary>
    [JsonPropertyName("suspended")]
    [SchemaRequired]
    [SchemaDescription("Suspended is the number of reconciled resources in the Suspended state.")]
    public int Suspended { get; set; }

    /// <summary>Total artifact size, e.g. <c>3.7 MiB</c>; omitted when zero.</summary>
    [JsonPropertyName("totalSize")]
    [SchemaDescription("TotalSize is the total size of the artifacts in storage.")]
    public string? TotalSize { get; set; }
}
