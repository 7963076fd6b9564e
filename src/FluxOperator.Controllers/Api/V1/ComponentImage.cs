using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The container image of one installed component (<c>status.components[]</c>).</summary>
[SchemaDescription("ComponentImage represents a container image used by a component.")]
public sealed class ComponentImage
{
    /// <summary>Component name.</summary>
    [JsonPropertyName("name")]
    [SchemaRequired]
    [SchemaDescription("Name of the component.")]
    public string Name { get; set; } = "";

    /// <summary>Image repository (normalised, e.g. <c>ghcr.io/fluxcd/source-controller</c>).</summary>
    [JsonPropertyName("repository")]
    [SchemaRequired]
    [SchemaDescription("Repository address of the container image.")]
    public string Repository { get; set; } = "";

    /// <summary>Image tag.</summary>
    [JsonPropertyName("tag")]
    [SchemaRequired]
    [SchemaDescription("Tag of the container image.")]
    public string Tag { get; set; } = "";

    /// <summary>Image digest, when known.</summary>
    [JsonPropertyName("digest")]
    [SchemaDescription("Digest of the container image.")]
    public string? Digest { get; set; }
}
