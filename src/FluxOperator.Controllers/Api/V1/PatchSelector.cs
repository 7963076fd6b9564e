using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Which objects a user patch targets; name, namespace, group, version and kind are anchored regexes.</summary>
[SchemaDescription("Selector specifies a set of resources. Any resource that matches intersection of all conditions is included in this set.")]
public sealed class PatchSelector
{
    /// <summary>API group (regex).</summary>
    [JsonPropertyName("group")]
    [SchemaDescription("Group is the API group to select resources from. Together with Version and Kind it is capable of unambiguously identifying and/or selecting resources.")]
    public string? Group { get; set; }

    /// <summary>API version (regex).</summary>
    [JsonPropertyName("version")]
    [SchemaDescription("Version of the API Group to select resources from. Together with Group and Kind it is capable of unambiguously identifying and/or selecting resources.")]
    public string? Version { get; set; }

    /// <summary>Kind (regex).</summary>
    [JsonPropertyName("kind")]
    [SchemaDescription("Kind of the API Group to select resources from. Together with Group and Version it is capable of unambiguously identifying and/or selecting resources.")]
    public string? Kind { get; set; }

    /// <summary>Namespace (regex).</summary>
    [JsonPropertyName("namespace")]
    [SchemaDescription("Namespace to select resources from.")]
    public string? Namespace { get; set; }

    /// <summary>Name (regex), matched against the original and the current name.</summary>
    [JsonPropertyName("name")]
    [SchemaDescription("Name to match resources with.")]
    public string? Name { get; set; }

    /// <summary>Annotation selector (label-selector syntax).</summary>
    [JsonPropertyName("annotationSelector")]
    [SchemaDescription("AnnotationSelector is a string that follows the label selection expression https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#api It matches with the resource annotations.")]
    public string? AnnotationSelector { get; set; }

    /// <summary>Label selector.</summary>
    [JsonPropertyName("labelSelector")]
    [SchemaDescription("LabelSelector is a string that follows the label selection expression https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#api It matches with the resource labels.")]
    public string? LabelSelector { get; set; }
}
