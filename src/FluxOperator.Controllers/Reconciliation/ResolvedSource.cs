namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Where this pass reads its distribution from.</summary>
/// <param name="Root"><c>&lt;dist&gt;</c>: the extracted artifact or the embedded store.</param>
/// <param name="ArtifactDigest">The artifact's manifest digest; empty without an artifact.</param>
/// <param name="ServedFromCacheBecause">When the registry was unreachable and the cached artifact was used: why.</param>
public sealed record ResolvedSource(string Root, string ArtifactDigest, string? ServedFromCacheBecause = null);
