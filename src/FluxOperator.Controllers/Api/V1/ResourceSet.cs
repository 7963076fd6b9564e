using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>
/// A group of objects rendered from templates once per input set, applied, health-checked and garbage-collected as
/// one (<c>fluxcd.controlplane.io/v1</c> <c>ResourceSet</c>). Namespace editors may write these.
/// </summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
[CustomResource(KubePluralName, "resourceset", ShortNames = ["rset"], Categories = ["all", "fluxcd", "fluxcd-appliers"])]
[PrinterColumn(0, "Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn(1, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(2, "Status", "string", ".status.conditions[?(@.type==\"Ready\")].message")]
[SchemaDescription("ResourceSet is the Schema for the ResourceSets API.")]
public sealed class ResourceSet : IKubernetesObject<V1ObjectMeta>, ISpec<ResourceSetSpec>, IStatus<ResourceSetStatus?>
{
    /// <summary>API group.</summary>
    public const string KubeGroup = ApiGroup.Group;

    /// <summary>API version within the group.</summary>
    public const string KubeApiVersion = ApiGroup.Version;

    /// <summary>Kind.</summary>
    public const string KubeKind = "ResourceSet";

    /// <summary>Plural resource name.</summary>
    public const string KubePluralName = "resourcesets";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("spec")]
    [SchemaDescription("ResourceSetSpec defines the desired state of ResourceSet.")]
    public ResourceSetSpec Spec { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("status")]
    [SchemaDescription("ResourceSetStatus defines the observed state of ResourceSet.")]
    public ResourceSetStatus? Status { get; set; }

    /// <summary>True when the <c>fluxcd.controlplane.io/reconcile</c> annotation is <c>disabled</c> (any case).</summary>
    [JsonIgnore]
    public bool IsDisabled => ObjectAnnotations.IsDisabled(Metadata);

    /// <summary>The annotation value, or null when absent.</summary>
    public string? Annotation(string key) => ObjectAnnotations.Get(Metadata, key);
}
