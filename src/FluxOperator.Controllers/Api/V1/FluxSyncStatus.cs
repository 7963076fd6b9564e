using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The cluster sync as the report sees it (<c>FluxReport.spec.sync</c>).</summary>
public sealed class FluxSyncStatus
{
    /// <summary><c>kustomization/&lt;name&gt;</c>.</summary>
    [JsonPropertyName("id")]
    [SchemaRequired]
    [SchemaDescription("ID is the identifier of the sync.")]
    public string Id { get; set; } = "";

    /// <summary>The Kustomization path.</summary>
    [JsonPropertyName("path")]
    [SchemaDescription("Path is the kustomize path of the sync.")]
    public string? Path { get; set; }

    /// <summary>Readiness of the Kustomization and its source.</summary>
    [JsonPropertyName("ready")]
    [SchemaRequired]
    [SchemaDescription("Ready is the readiness status of the sync.")]
    public bool Ready { get; set; }

    /// <summary>Ready message (with the source's failure appended).</summary>
    [JsonPropertyName("status")]
    [SchemaRequired]
    [SchemaDescription("Status is a human-readable message indicating details about the sync observed state.")]
    public string Status { get; set; } = "";

    /// <summary>Source URL (bucket: endpoint/bucket).</summary>
    [JsonPropertyName("source")]
    [SchemaDescription("Source is the URL of the source repository.")]
    public string? Source { get; set; }
}
