using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>One reconciliation history entry (<c>status.history[]</c>).</summary>
[SchemaDescription("Snapshot represents a point-in-time record of a group of resources reconciliation, including timing information, status, and a unique digest identifier.")]
public sealed class Snapshot
{
    /// <summary>Maximum number of snapshots kept.</summary>
    public const int MaxHistorySize = 5;

    /// <summary>Revision digest (or spec digest for build failures), <c>sha256:&lt;hex&gt;</c>.</summary>
    [JsonPropertyName("digest")]
    [SchemaRequired]
    [SchemaDescription("Digest is the checksum in the format `<algo>:<hex>` of the resources in this snapshot.")]
    public string Digest { get; set; } = "";

    /// <summary>When this digest and status were first seen (UTC, seconds).</summary>
    [JsonPropertyName("firstReconciled")]
    [SchemaRequired]
    [SchemaDescription("FirstReconciled is the time when this revision was first reconciled to the cluster.")]
    public DateTime FirstReconciled { get; set; }

    /// <summary>When this digest and status were last seen (UTC, seconds).</summary>
    [JsonPropertyName("lastReconciled")]
    [SchemaRequired]
    [SchemaDescription("LastReconciled is the time when this revision was last reconciled to the cluster.")]
    public DateTime LastReconciled { get; set; }

    /// <summary>Unrounded duration of the last pass in Go duration form (<c>2.818583s</c>).</summary>
    [JsonPropertyName("lastReconciledDuration")]
    [SchemaRequired]
    [SchemaDescription("LastReconciledDuration is time it took to reconcile the resources in this revision.")]
    public string LastReconciledDuration { get; set; } = "";

    /// <summary><c>ReconciliationSucceeded</c>, <c>ReconciliationFailed</c> or <c>BuildFailed</c>.</summary>
    [JsonPropertyName("lastReconciledStatus")]
    [SchemaRequired]
    [SchemaDescription("LastReconciledStatus is the status of the last reconciliation.")]
    public string LastReconciledStatus { get; set; } = "";

    /// <summary>How many passes ended with this digest and status.</summary>
    [JsonPropertyName("totalReconciliations")]
    [SchemaRequired]
    [SchemaDescription("TotalReconciliations is the total number of reconciliations that have occurred for this snapshot.")]
    public long TotalReconciliations { get; set; }

    /// <summary>Extra information, e.g. <c>flux: v2.9.4</c>.</summary>
    [JsonPropertyName("metadata")]
    [SchemaDescription("Metadata contains additional information about the snapshot.")]
    public Dictionary<string, string>? Metadata { get; set; }
}
