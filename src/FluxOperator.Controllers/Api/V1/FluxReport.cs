using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The operator's report on the Flux installation (<c>fluxcd.controlplane.io/v1</c> <c>FluxReport</c>); the spec is computed, not user input.</summary>
[KubernetesEntity(Group = KubeGroup, Kind = KubeKind, ApiVersion = KubeApiVersion, PluralName = KubePluralName)]
[CustomResource(KubePluralName, "fluxreport", Categories = ["fluxcd"])]
[PrinterColumn(0, "Entitlement", "string", ".spec.distribution.entitlement", Priority = 10)]
[PrinterColumn(1, "Age", "date", ".metadata.creationTimestamp")]
[PrinterColumn(2, "Ready", "string", ".status.conditions[?(@.type==\"Ready\")].status")]
[PrinterColumn(3, "Status", "string", ".status.conditions[?(@.type==\"Ready\")].message")]
[PrinterColumn(4, "LastUpdated", "string", ".status.conditions[?(@.type==\"Ready\")].lastTransitionTime")]
[SchemaDescription("FluxReport is the Schema for the fluxreports API.")]
[SchemaRule("self.metadata.name == 'flux'", "the only accepted name for a FluxReport is 'flux'")]
public sealed class FluxReport : IKubernetesObject<V1ObjectMeta>, ISpec<FluxReportSpec>, IStatus<FluxReportStatus?>
{
    /// <summary>API group.</summary>
    public const string KubeGroup = ApiGroup.Group;

    /// <summary>API version within the group.</summary>
    public const string KubeApiVersion = ApiGroup.Version;

    /// <summary>Kind.</summary>
    public const string KubeKind = "FluxReport";

    /// <summary>Plural resource name.</summary>
    public const string KubePluralName = "fluxreports";

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
    [SchemaDescription("FluxReportSpec defines the observed state of a Flux installation.")]
    public FluxReportSpec Spec { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("status")]
    [SchemaDescription("FluxReportStatus defines the readiness of a FluxReport.")]
    public FluxReportStatus? Status { get; set; }

    /// <summary>True when the <c>fluxcd.controlplane.io/reconcile</c> annotation is <c>disabled</c> (any case).</summary>
    [JsonIgnore]
    public bool IsDisabled => ObjectAnnotations.IsDisabled(Metadata);
}
