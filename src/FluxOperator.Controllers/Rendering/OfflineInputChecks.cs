using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The required-field checks the API server would make, for builds without one in front.</summary>
public static class OfflineInputChecks
{
    /// <summary>The first missing required field, in the reference's order and wording, or null.</summary>
    public static string? FirstError(FluxInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var spec = instance.Spec;
        if (string.IsNullOrEmpty(spec.Distribution?.Version))
        {
            return ".spec.distribution.version is required";
        }

        if (string.IsNullOrEmpty(spec.Distribution.Registry))
        {
            return ".spec.distribution.registry is required";
        }

        if (spec.Sharding is { Shards.Count: 0 })
        {
            return ".spec.sharding.shards is required";
        }

        if (spec.LacksStorageForPersistentShards)
        {
            return FluxInstanceSpec.PersistentShardsNeedStorage;
        }

        if (spec.Storage is { } storage)
        {
            if (string.IsNullOrEmpty(storage.Class))
            {
                return ".spec.storage.class is required";
            }

            if (string.IsNullOrEmpty(storage.Size))
            {
                return ".spec.storage.size is required";
            }
        }

        if (spec.Sync is { } sync)
        {
            foreach (var (value, field) in new[] { (sync.Kind, "kind"), (sync.Url, "url"), (sync.Ref, "ref"), (sync.Path, "path") })
            {
                if (string.IsNullOrEmpty(value))
                {
                    return $".spec.sync.{field} is required";
                }
            }
        }

        return null;
    }
}
