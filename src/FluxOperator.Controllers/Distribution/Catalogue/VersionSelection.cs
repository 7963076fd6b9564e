using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>The release chosen for a constraint, with the newest allowed 2.x release (for the `OutdatedVersion` notice).</summary>
/// <param name="Selected">The selected release; its <see cref="VersionCandidate.Name"/> is `&lt;v&gt;` verbatim.</param>
/// <param name="LatestStable">What `2.x` resolves to in the same distribution.</param>
/// <param name="ReleaseDirectory">`&lt;dist&gt;/flux/&lt;v&gt;`, absolute.</param>
public sealed record VersionSelection(VersionCandidate Selected, VersionCandidate LatestStable, string ReleaseDirectory)
{
    /// <summary>The directory name (`v2.9.4`), used verbatim in labels and the revision.</summary>
    public string Name => Selected.Name;

    /// <summary>True when a newer stable release than the selected one is available.</summary>
    public bool IsOutdated => !string.Equals(Selected.Name, LatestStable.Name, StringComparison.Ordinal);
}
