using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Maps a FluxInstance to <see cref="BuildParameters"/>, applying every renderer default (docs/rendering.md#parameters-and-defaults).</summary>
public static class InstanceParameters
{
    /// <summary>The parameters for <paramref name="instance"/> once <paramref name="version"/> is resolved (images still empty).</summary>
    public static BuildParameters From(FluxInstance instance, string version)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var spec = instance.Spec;
        var @namespace = string.IsNullOrEmpty(instance.Metadata?.NamespaceProperty) ? "flux-system" : instance.Metadata.NamespaceProperty;
        var cluster = spec.ClusterOrDefault;
        return new BuildParameters
        {
            Version = version,
            Namespace = @namespace,
            Components = spec.ComponentsOrDefault.ToArray(),
            Registry = DistributionVariants.TrimRegistry(spec.Distribution.Registry),
            ImagePullSecret = NullIfEmpty(spec.Distribution.ImagePullSecret),
            NetworkPolicy = cluster.NetworkPolicyOrDefault,
            ClusterDomain = cluster.DomainOrDefault,
            ClusterType = cluster.TypeOrDefault,
            ClusterSize = NullIfEmpty(cluster.Size),
            Multitenant = cluster.IsMultitenant,
            TenantDefaultServiceAccount = cluster.TenantDefaultServiceAccountOrDefault,
            ObjectLevelWorkloadIdentity = cluster.IsObjectLevelWorkloadIdentity,
            MultitenantWorkloadIdentity = cluster.IsMultitenantWorkloadIdentity,
            TenantDefaultDecryptionServiceAccount = cluster.TenantDefaultDecryptionServiceAccountOrDefault,
            TenantDefaultKubeConfigServiceAccount = cluster.TenantDefaultKubeConfigServiceAccountOrDefault,
            ShardingKey = spec.Sharding?.KeyOrDefault ?? LabelKeys.DefaultShardingKey,
            Shards = spec.ShardsOrEmpty.ToArray(),
            ShardingStorage = spec.Sharding?.IsPersistent == true,
            Storage = spec.Storage is { } storage ? new ArtifactStorage(storage.Class, storage.Size) : null,
            Sync = spec.Sync is { } sync ? Sync(sync, @namespace) : null,
            Patches = (spec.Kustomize?.Patches ?? []).Select(UserPatch).ToArray(),
        };
    }

    private static SyncParameters Sync(Api.V1.Sync sync, string @namespace) => new(
        sync.NameOrDefault(@namespace),
        sync.Kind,
        sync.Url,
        sync.Ref,
        sync.Path,
        GoDuration.Normalize(sync.IntervalOrDefault) ?? sync.IntervalOrDefault,
        NullIfEmpty(sync.PullSecret),
        NullIfEmpty(sync.Provider));

    private static Patch UserPatch(KustomizePatch patch, int index)
    {
        var target = patch.Target is { } t
            ? new PatchTarget(t.Group, t.Version, t.Kind, t.Name, t.Namespace, t.LabelSelector, t.AnnotationSelector)
            : null;
        return new Patch(patch.Patch, target) { Origin = $"spec.kustomize.patches[{index}]" };
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
