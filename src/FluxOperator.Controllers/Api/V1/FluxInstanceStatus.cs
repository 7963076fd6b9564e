using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The observed state of a FluxInstance (<c>status</c>), with the JSON names of the Go operator.</summary>
public sealed class FluxInstanceStatus : IReconciledStatus
{
    /// <summary>Value of <c>reconcile.fluxcd.io/requestedAt</c> handled by the last pass.</summary>
    [JsonPropertyName("lastHandledReconcileAt")]
    [SchemaDescription("LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value can be detected.")]
    public string? LastHandledReconcileAt { get; set; }

    /// <summary>Value of <c>reconcile.fluxcd.io/forceAt</c> handled by the last migration.</summary>
    [JsonPropertyName("lastHandledForceAt")]
    [SchemaDescription("LastHandledForceAt holds the value of the most recent force request value, so a change of the annotation value can be detected.")]
    public string? LastHandledForceAt { get; set; }

    /// <summary><c>Stalled</c>, <c>Reconciling</c>, <c>Ready</c> (in that order), then any others.</summary>
    [JsonPropertyName("conditions")]
    [SchemaDescription("Conditions contains the readiness conditions of the object.")]
    public List<V1Condition>? Conditions { get; set; }

    /// <summary><c>&lt;version&gt;@sha256:&lt;hex&gt;</c> of the last build.</summary>
    [JsonPropertyName("lastAttemptedRevision")]
    [SchemaDescription("LastAttemptedRevision is the version and digest of the distribution config that was last attempted to reconcile.")]
    public string? LastAttemptedRevision { get; set; }

    /// <summary>Copy of <see cref="LastAttemptedRevision"/> after a fully successful pass.</summary>
    [JsonPropertyName("lastAppliedRevision")]
    [SchemaDescription("LastAppliedRevision is the version and digest of the distribution config that was last reconcile.")]
    public string? LastAppliedRevision { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the last pulled distribution artifact.</summary>
    [JsonPropertyName("lastArtifactRevision")]
    [SchemaDescription("LastArtifactRevision is the digest of the last pulled distribution artifact.")]
    public string? LastArtifactRevision { get; set; }

    /// <summary>Images of the installed components, in component order.</summary>
    [JsonPropertyName("components")]
    [SchemaDescription("Components contains the container images used by the components.")]
    public List<ComponentImage>? Components { get; set; }

    /// <summary>The objects last applied.</summary>
    [JsonPropertyName("inventory")]
    [SchemaDescription("Inventory contains a list of Kubernetes resource object references last applied on the cluster.")]
    public ResourceInventory? Inventory { get; set; }

    /// <summary>Up to five snapshots, most recent first.</summary>
    [JsonPropertyName("history")]
    [SchemaDescription("History contains the reconciliation history of the FluxInstance as a list of snapshots ordered by the last reconciled time.")]
    public List<Snapshot>? History { get; set; }

    /// <summary>The condition of this type, or null.</summary>
    public V1Condition? Condition(string type) => Conditions?.Find(c => c.Type == type);
}
