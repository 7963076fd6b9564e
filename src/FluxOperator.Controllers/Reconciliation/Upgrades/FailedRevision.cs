namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// A revision that failed its health check and was rolled back. Its key (spec digest and artifact digest) is not
/// applied again: a pass with the same key re-applies <paramref name="RestoredRevision"/> instead, until the spec or the
/// artifact changes.
/// </summary>
/// <param name="Revision">The failed revision.</param>
/// <param name="SpecDigest">The digest of the spec that produced it.</param>
/// <param name="ArtifactDigest">The artifact it was read from; empty for the embedded store.</param>
/// <param name="RestoredRevision">The healthy revision re-applied in its place.</param>
/// <param name="Reason">Why its health check failed.</param>
public sealed record FailedRevision(string Revision, string SpecDigest, string ArtifactDigest, string RestoredRevision, string Reason)
{
    /// <summary>True when a pass with this spec and artifact would attempt the failed revision again.</summary>
    public bool Matches(string specDigest, string artifactDigest) =>
        SpecDigest == specDigest && ArtifactDigest == (artifactDigest ?? "");
}
