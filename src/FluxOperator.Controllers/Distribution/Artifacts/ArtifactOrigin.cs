namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Where the content of a pull came from.</summary>
public enum ArtifactOrigin
{
    /// <summary>Downloaded and extracted now.</summary>
    Downloaded,

    /// <summary>The registry confirmed the digest (or the reference is pinned) and the cache held it.</summary>
    Cache,

    /// <summary>The registry could not be reached; the cached entry of the last known digest serves.</summary>
    CacheWhileUnreachable,
}
