using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>An object a ResourceSet waits for (<c>spec.dependsOn[]</c>).</summary>
[SchemaDescription("ResourceSetDependency names a Kubernetes object that must exist (and optionally be ready) before the ResourceSet is reconciled.")]
public sealed class ResourceSetDependency
{
    /// <summary>e.g. <c>v1</c>, <c>apiextensions.k8s.io/v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    [SchemaRequired]
    [SchemaDescription("APIVersion of the object.")]
    public string ApiVersion { get; set; } = "";

    /// <summary>The kind.</summary>
    [JsonPropertyName("kind")]
    [SchemaRequired]
    [SchemaDescription("Kind of the object.")]
    public string Kind { get; set; } = "";

    /// <summary>The name.</summary>
    [JsonPropertyName("name")]
    [SchemaRequired]
    [SchemaDescription("Name of the object.")]
    public string Name { get; set; } = "";

    /// <summary>The namespace; empty for cluster-scoped objects.</summary>
    [JsonPropertyName("namespace")]
    [SchemaDescription("Namespace of the object; empty for cluster-scoped objects.")]
    public string? Namespace { get; set; }

    /// <summary>Also require readiness, not only existence.</summary>
    [JsonPropertyName("ready")]
    [SchemaDescription("Ready requires the object to be ready, not only to exist.")]
    public bool? Ready { get; set; }

    /// <summary>A CEL expression over the object that replaces the built-in readiness rules (only with <see cref="Ready"/>).</summary>
    [JsonPropertyName("readyExpr")]
    [SchemaDescription("ReadyExpr is a CEL expression over the object that replaces the default readiness check; only used when Ready is true.")]
    public string? ReadyExpr { get; set; }

    /// <summary><c>ready</c>, false when absent.</summary>
    [JsonIgnore]
    public bool ReadyOrDefault => Ready ?? false;

    /// <summary><c>apiVersion/Kind/namespace/name</c>, namespace left out when empty (as messages spell it).</summary>
    [JsonIgnore]
    public string Subject => string.IsNullOrEmpty(Namespace) ? $"{ApiVersion}/{Kind}/{Name}" : $"{ApiVersion}/{Kind}/{Namespace}/{Name}";
}
