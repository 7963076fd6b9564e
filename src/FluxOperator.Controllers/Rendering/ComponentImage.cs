namespace FluxOperator.Controllers.Rendering;

/// <summary>A component image: what the build pins (§4.2) and what status reports (§4.5).</summary>
/// <param name="Name">Component name.</param>
/// <param name="Repository">Full repository (<c>ghcr.io/fluxcd/source-controller</c>).</param>
/// <param name="Tag">Image tag.</param>
/// <param name="Digest"><c>sha256:…</c>, or empty when unknown.</param>
public sealed record ComponentImage(string Name, string Repository, string Tag, string Digest);
