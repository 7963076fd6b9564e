namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>The component images for a build, and where they came from.</summary>
/// <param name="Images">One per component: in image-list order when read from the list, in component order after a fallback.</param>
/// <param name="Variant">The variant whose list was read; null when none could be chosen.</param>
/// <param name="FallbackReason">
/// Null when the image list was used; otherwise why it was not (e.g. `unsupported registry. …`), which the caller logs
/// with `falling back to extracting images from manifests`. Images then have no digests.
/// </param>
public sealed record ImageSelection(IReadOnlyList<ResolvedImage> Images, string? Variant, string? FallbackReason)
{
    /// <summary>True when the images came from the image list (with digests).</summary>
    public bool FromImageList => FallbackReason is null;
}
