using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Labels and annotations merged into every applied object (<c>spec.commonMetadata</c>).</summary>
public sealed class CommonMetadata
{
    /// <summary>Annotations to add.</summary>
    [JsonPropertyName("annotations")]
    [SchemaDescription("Annotations to be added to the object's metadata.")]
    public Dictionary<string, string>? Annotations { get; set; }

    /// <summary>Labels to add.</summary>
    [JsonPropertyName("labels")]
    [SchemaDescription("Labels to be added to the object's metadata.")]
    public Dictionary<string, string>? Labels { get; set; }
}
