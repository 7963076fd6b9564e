using System.Diagnostics.CodeAnalysis;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Everything the build needs, derived once from the FluxInstance and the resolved release.</summary>
/// <remarks>Plain values with the renderer defaults already applied, so the pipeline never looks at the API types
/// and tests can state a build in one expression.</remarks>
public sealed record BuildParameters
{
    /// <summary>The selected version directory name (<c>v2.9.4</c>), used verbatim in labels and the revision.</summary>
    public required string Version { get; init; }

    /// <summary>The FluxInstance namespace; everything rendered lands there.</summary>
    public string Namespace { get; init; } = "flux-system";

    /// <summary>Components in spec order (the default four when the spec lists none).</summary>
    public IReadOnlyList<string> Components { get; init; } = FluxComponents.Default;

    /// <summary>Image registry prefix without a trailing <c>/</c>.</summary>
    public required string Registry { get; init; }

    /// <summary><c>spec.distribution.imagePullSecret</c>, when set.</summary>
    public string? ImagePullSecret { get; init; }

    /// <summary>Include the release's NetworkPolicies.</summary>
    public bool NetworkPolicy { get; init; } = true;

    /// <summary>Cluster DNS domain used in the controller addresses.</summary>
    public string ClusterDomain { get; init; } = "cluster.local";

    /// <summary><c>kubernetes</c>, <c>openshift</c>, <c>aws</c>, <c>azure</c> or <c>gcp</c>; only openshift renders differently.</summary>
    public string ClusterType { get; init; } = "kubernetes";

    /// <summary><c>small</c>, <c>medium</c>, <c>large</c>, or null for the default profile.</summary>
    public string? ClusterSize { get; init; }

    /// <summary>Multi-tenancy lockdown.</summary>
    public bool Multitenant { get; init; }

    /// <summary>Default service account of tenants (<c>default</c> when empty).</summary>
    public string TenantDefaultServiceAccount { get; init; } = "default";

    /// <summary>Object-level workload identity feature gate.</summary>
    public bool ObjectLevelWorkloadIdentity { get; init; }

    /// <summary>Workload-identity lockdown for tenants.</summary>
    public bool MultitenantWorkloadIdentity { get; init; }

    /// <summary>Default decryption service account of tenants (<c>default</c> when empty).</summary>
    public string TenantDefaultDecryptionServiceAccount { get; init; } = "default";

    /// <summary>Default kubeconfig service account of tenants (<c>default</c> when empty).</summary>
    public string TenantDefaultKubeConfigServiceAccount { get; init; } = "default";

    /// <summary>Label key of the shard selectors.</summary>
    public string ShardingKey { get; init; } = "sharding.fluxcd.io/key";

    /// <summary>Shard names in spec order; empty without sharding.</summary>
    public IReadOnlyList<string> Shards { get; init; } = [];

    /// <summary><c>spec.sharding.storage == persistent</c>; effective only together with <see cref="Storage"/>.</summary>
    public bool ShardingStorage { get; init; }

    /// <summary>Shards get their own claim: persistent shard storage asked for and <c>spec.storage</c> set (else shards stay ephemeral).</summary>
    [MemberNotNullWhen(true, nameof(Storage))]
    public bool PersistentShardStorage => ShardingStorage && Storage is not null;

    /// <summary><c>spec.storage</c>, or null.</summary>
    public ArtifactStorage? Storage { get; init; }

    /// <summary><c>spec.sync</c> with defaults applied, or null.</summary>
    public SyncParameters? Sync { get; init; }

    /// <summary>The user's <c>spec.kustomize.patches</c>, in order (applied last among the patches, P10).</summary>
    public IReadOnlyList<Patch> Patches { get; init; } = [];

    /// <summary>Component images to pin, one per component; empty digests when they came from the manifests.</summary>
    public IReadOnlyList<Distribution.Catalogue.ResolvedImage> Images { get; init; } = [];

    /// <summary>The notification-controller events address, or empty when it is not installed.</summary>
    public string EventsAddress => Components.Contains(FluxComponents.NotificationController)
        ? $"http://notification-controller.{Namespace}.svc.{ClusterDomain}./"
        : string.Empty;
}
