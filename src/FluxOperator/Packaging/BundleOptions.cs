namespace FluxOperator.Packaging;

/// <summary>Inputs of one bundle build besides the config tree.</summary>
/// <param name="Version">The release, strict semver without a leading <c>v</c> (e.g. <c>0.1.0</c>).</param>
/// <param name="CreatedAt">The CSV <c>createdAt</c> timestamp (UTC); an input so builds are reproducible.</param>
/// <param name="OperatorImageDigest">When set (<c>sha256:…</c>) the OpenShift flavour: the operator image is pinned by digest.</param>
/// <param name="DistributionPath">When set, a storage directory (<c>flux-images/&lt;version&gt;/upstream-alpine.yaml</c>) whose
/// newest Flux controller images are listed in <c>relatedImages</c> for disconnected installs.</param>
public sealed record BundleOptions(
    string Version,
    DateTimeOffset CreatedAt,
    string? OperatorImageDigest = null,
    string? DistributionPath = null)
{
    /// <summary>The operator image as the CSV references it: by digest when known, else by tag.</summary>
    public string OperatorImage => OperatorImageDigest is { Length: > 0 } digest
        ? $"{OlmPackage.OperatorImage}@{digest}"
        : OlmPackage.OperatorImageTag(Version);
}
