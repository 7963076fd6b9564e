using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The observed state of a ResourceSet (<c>status</c>), with the JSON names of the Go operator.</summary>
public sealed class ResourceSetStatus : IReconciledStatus
{
    /// <summary><c>Stalled</c>, <c>Reconciling</c>, <c>Ready</c> (in that order), then any others.</summary>
    [JsonPropertyName("conditions")]
    [SchemaDescription("Conditions contains the readiness conditions of the object.")]
    public List<V1Condition>? Conditions { get; set; }

    /// <summary>ConfigMaps and Secrets read from the cluster for <c>checksumFrom</c>, as <c>Kind/namespace/name</c>, sorted.</summary>
    [JsonPropertyName("externalChecksumRefs")]
    [SchemaDescription("ExternalChecksumRefs lists the ConfigMaps and Secrets (Kind/namespace/name) that checksumFrom annotations read from the cluster, so changes to them trigger a reconciliation.")]
    public List<string>? ExternalChecksumRefs { get; set; }

    /// <summary>Up to five snapshots, most recent first.</summary>
    [JsonPropertyName("history")]
    [SchemaDescription("History contains the reconciliation history of the ResourceSet as a list of snapshots ordered by the last reconciled time.")]
    public List<Snapshot>? History { get; set; }

    /// <summary>The generated objects applied so far.</summary>
    [JsonPropertyName("inventory")]
    [SchemaDescription("Inventory contains a list of Kubernetes resource object references last applied on the cluster.")]
    public ResourceInventory? Inventory { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the objects applied by the last successful pass.</summary>
    [JsonPropertyName("lastAppliedRevision")]
    [SchemaDescription("LastAppliedRevision is the digest of the generated objects that were last reconciled.")]
    public string? LastAppliedRevision { get; set; }

    /// <summary>Value of <c>reconcile.fluxcd.io/requestedAt</c> handled by the last pass.</summary>
    [JsonPropertyName("lastHandledReconcileAt")]
    [SchemaDescription("LastHandledReconcileAt holds the value of the most recent reconcile request value, so a change of the annotation value can be detected.")]
    public string? LastHandledReconcileAt { get; set; }
}
