namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>A request resolved against a distribution: the release, its files and the component images.</summary>
/// <param name="Version">The selected release.</param>
/// <param name="Files">The release's files.</param>
/// <param name="Components">The components to install (defaults applied), in spec order.</param>
/// <param name="Images">The component images.</param>
public sealed record ResolvedDistribution(VersionSelection Version, ReleaseFiles Files, IReadOnlyList<string> Components, ImageSelection Images);
