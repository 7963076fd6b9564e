using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>What the operator observed about the Flux installation (<c>FluxReport.spec</c>).</summary>
public sealed class FluxReportSpec
{
    /// <summary>Installed version, manager and entitlement.</summary>
    [JsonPropertyName("distribution")]
    [SchemaRequired]
    [SchemaDescription("Distribution is the version information of the Flux installation.")]
    public FluxDistributionStatus Distribution { get; set; } = new();

    /// <summary>API server version, platform and node count.</summary>
    [JsonPropertyName("cluster")]
    [SchemaDescription("Cluster is the version information of the Kubernetes cluster.")]
    public FluxClusterInfo? Cluster { get; set; }

    /// <summary>The operator's own version and platform.</summary>
    [JsonPropertyName("operator")]
    [SchemaDescription("Operator is the version information of the Flux Operator.")]
    public FluxOperatorInfo? Operator { get; set; }

    /// <summary>The Flux controller Deployments, by name.</summary>
    [JsonPropertyName("components")]
    [SchemaDescription("ComponentsStatus is the status of the Flux controller deployments.")]
    public List<FluxComponentStatus>? Components { get; set; }

    /// <summary>Object counts per Flux kind, sorted by apiVersion + kind.</summary>
    [JsonPropertyName("reconcilers")]
    [SchemaDescription("ReconcilersStatus is the list of Flux reconcilers and their statistics grouped by API kind.")]
    public List<FluxReconcilerStatus>? Reconcilers { get; set; }

    /// <summary>The cluster sync Kustomization and its source.</summary>
    [JsonPropertyName("sync")]
    [SchemaDescription("SyncStatus is the status of the cluster sync Source and Kustomization resources.")]
    public FluxSyncStatus? Sync { get; set; }
}
