using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The operator that wrote the report (<c>FluxReport.spec.operator</c>).</summary>
public sealed class FluxOperatorInfo
{
    /// <summary>The operator API version (<c>fluxcd.controlplane.io/v1</c>).</summary>
    [JsonPropertyName("apiVersion")]
    [SchemaRequired]
    [SchemaDescription("APIVersion is the API version of the Flux Operator.")]
    public string ApiVersion { get; set; } = ApiGroup.GroupVersion;

    /// <summary>Operator build version, e.g. <c>v0.58.1</c>.</summary>
    [JsonPropertyName("version")]
    [SchemaRequired]
    [SchemaDescription("Version is the version number of Flux Operator.")]
    public string Version { get; set; } = "";

    /// <summary>Operator process <c>os/arch</c>.</summary>
    [JsonPropertyName("platform")]
    [SchemaRequired]
    [SchemaDescription("Platform is the os/arch of Flux Operator.")]
    public string Platform { get; set; } = "";
}
