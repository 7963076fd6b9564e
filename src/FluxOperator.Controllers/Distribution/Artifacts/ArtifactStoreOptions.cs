using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Configuration of the <see cref="ArtifactStore"/>.</summary>
public sealed record ArtifactStoreOptions
{
    /// <summary>Where extracted artifacts are kept.</summary>
    public required string CacheDirectory { get; init; }

    /// <summary>Registry transport settings.</summary>
    public OciClientOptions Client { get; init; } = new();

    /// <summary>Budget of one pull, independent of the caller's (the Go operator uses 30 s).</summary>
    public TimeSpan PullTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Extraction caps.</summary>
    public ExtractionLimits Limits { get; init; } = new();

    /// <summary>Re-hash a cache entry before serving it (catches on-disk corruption; costs a read of the content).</summary>
    public bool VerifyCachedContent { get; init; } = true;
}
