namespace FluxOperator.Controllers.Rendering;

/// <summary>The source-controller persistent volume claim settings (<c>spec.storage</c>).</summary>
/// <param name="Class">Storage class name.</param>
/// <param name="Size">Requested size, copied verbatim (e.g. <c>10Gi</c>).</param>
public sealed record ArtifactStorage(string Class, string Size);
