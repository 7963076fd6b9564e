namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>One entry of a kustomization's <c>images</c>: rewrites container images named <see cref="Name"/>.</summary>
/// <param name="Name">The image name to match, without tag or digest (e.g. <c>fluxcd/source-controller</c>).</param>
/// <param name="NewName">The replacement repository, or null to keep the name.</param>
/// <param name="NewTag">The replacement tag, or null to keep the old one (dropped when a digest is set without tag).</param>
/// <param name="Digest">The digest (<c>sha256:…</c>), or null.</param>
public sealed record ImageOverride(string Name, string? NewName = null, string? NewTag = null, string? Digest = null);
