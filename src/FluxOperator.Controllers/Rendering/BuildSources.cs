namespace FluxOperator.Controllers.Rendering;

/// <summary>Where a build reads its release from, and the runtime facts that gate it.</summary>
/// <param name="DistributionRoot"><c>&lt;dist&gt;</c>: the extracted artifact or the embedded store.</param>
public sealed record BuildSources(string DistributionRoot)
{
    /// <summary><c>&lt;storage&gt;</c>, the embedded store whose minors bound the choice; null means <see cref="DistributionRoot"/>.</summary>
    public string? EmbeddedRoot { get; init; }

    /// <summary><c>status.lastAppliedRevision</c>, for the downgrade guard; null or empty skips it.</summary>
    public string? LastAppliedRevision { get; init; }

    /// <summary>Reads a release folder; replace it to reuse parsed releases across builds (an immutable embedded store).</summary>
    public Func<string, ReleaseManifests> LoadRelease { get; init; } = ReleaseManifests.Load;
}
