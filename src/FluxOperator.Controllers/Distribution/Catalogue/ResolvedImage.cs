namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>The image a component runs: `repository:tag@digest` (digest empty when the distribution has none for it).</summary>
/// <param name="Name">The component (`source-controller`).</param>
/// <param name="Repository">`&lt;registry&gt;/&lt;component&gt;`.</param>
/// <param name="Tag">The tag (`v1.9.4`).</param>
/// <param name="Digest">`sha256:&lt;64 hex&gt;`, or empty.</param>
public sealed record ResolvedImage(string Name, string Repository, string Tag, string Digest)
{
    /// <summary>True when the image is pinned by digest.</summary>
    public bool HasDigest => Digest.Length > 0;

    /// <summary>The image reference the Deployments get: `repository:tag@digest`, or `repository:tag`.</summary>
    public string Reference => HasDigest ? $"{Repository}:{Tag}@{Digest}" : $"{Repository}:{Tag}";

    /// <inheritdoc />
    public override string ToString() => Reference;
}
