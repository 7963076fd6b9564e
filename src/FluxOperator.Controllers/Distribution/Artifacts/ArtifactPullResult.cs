namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>The outcome of <see cref="ArtifactStore.PullAsync"/>: digest, local folder (read-only by convention) and origin.</summary>
public sealed record ArtifactPullResult(string Digest, string Directory, ArtifactOrigin Origin)
{
    /// <summary>True when nothing was downloaded.</summary>
    public bool ServedFromCache => Origin != ArtifactOrigin.Downloaded;

    /// <summary>Why the registry was not used, when <see cref="Origin"/> is <see cref="ArtifactOrigin.CacheWhileUnreachable"/>.</summary>
    public string? RegistryError { get; init; }
}
