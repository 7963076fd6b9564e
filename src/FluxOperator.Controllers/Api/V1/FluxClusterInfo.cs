using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The Kubernetes cluster as the report sees it (<c>FluxReport.spec.cluster</c>).</summary>
public sealed class FluxClusterInfo
{
    /// <summary>API server git version, e.g. <c>v1.33.0</c>.</summary>
    [JsonPropertyName("serverVersion")]
    [SchemaRequired]
    [SchemaDescription("ServerVersion is the version of the Kubernetes API server.")]
    public string ServerVersion { get; set; } = "";

    /// <summary>API server <c>os/arch</c>.</summary>
    [JsonPropertyName("platform")]
    [SchemaRequired]
    [SchemaDescription("Platform is the os/arch of the Kubernetes control plane.")]
    public string Platform { get; set; } = "";

    /// <summary>Number of nodes; omitted when zero.</summary>
    [JsonPropertyName("nodes")]
    [SchemaDescription("Nodes is the number of nodes in the Kubernetes cluster.")]
    public int? Nodes { get; set; }
}
