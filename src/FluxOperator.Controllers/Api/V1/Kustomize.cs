using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>User patches (<c>spec.kustomize</c>).</summary>
public sealed class Kustomize
{
    /// <summary>Strategic-merge or JSON6902 patches, applied in order after the built-in ones.</summary>
    [JsonPropertyName("patches")]
    [SchemaDescription("Strategic merge and JSON patches, defined as inline YAML objects, capable of targeting objects based on kind, label and annotation selectors.")]
    public List<KustomizePatch>? Patches { get; set; }
}
