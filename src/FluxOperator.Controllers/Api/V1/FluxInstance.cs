using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A Flux installation managed by the operator (<c>fluxcd.controlplane.io/v1</c> <c>FluxInstance</c>).</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
[CustomResource(KubePluralName, "fluxinstance", Categories = ["fluxcd", "fluxcd-appliers"])]
[PrinterColumn(0, "Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn(1, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(2, "Status", "string", ".status.conditions[?(@.type==\"Ready\")].message")]
[PrinterColumn(3, "Revision", "string", ".status.lastAttemptedRevision")]
[SchemaDescription("FluxInstance is the Schema for the fluxinstances API.")]
[SchemaRule("self.metadata.name == 'flux'", "the only accepted name for a FluxInstance is 'flux'")]
public sealed class FluxInstance : IKubernetesObject<V1ObjectMeta>, ISpec<FluxInstanceSpec>, IStatus<FluxInstanceStatus?>
{
    /// <summary>API group.</summary>
    public const string KubeGroup = ApiGroup.Group;

    /// <summary>API version within the group.</summary>
    public const string KubeApiVersion = ApiGroup.Version;

    /// <summary>Kind.</summary>
    public const string KubeKind = "FluxInstance";

    /// <summary>Plural resource name.</summary>
    public const string KubePluralName = "fluxinstances";

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
    [SchemaDescription("FluxInstanceSpec defines the desired state of FluxInstance.")]
    public FluxInstanceSpec Spec { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("status")]
    [SchemaDescription("FluxInstanceStatus defines the observed state of FluxInstance.")]
    public FluxInstanceStatus? Status { get; set; }

    /// <summary>True when the <c>fluxcd.controlplane.io/reconcile</c> annotation is <c>disabled</c> (any case).</summary>
    [JsonIgnore]
    public bool IsDisabled => ObjectAnnotations.IsDisabled(Metadata);

    /// <summary>The annotation value, or null when absent.</summary>
    public string? Annotation(string key) => ObjectAnnotations.Get(Metadata, key);
}
