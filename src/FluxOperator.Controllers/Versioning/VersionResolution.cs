namespace FluxOperator.Controllers.Versioning;

/// <summary>The outcome of resolving a constraint against the release directories: the selected one, or the error.</summary>
/// <param name="Selected">The highest matching candidate; null on failure.</param>
/// <param name="Error">The Go operator's message on failure (`semver '…' parse error: …` or `no match found for semver: …`).</param>
/// <param name="Available">Every candidate that parsed, newest first (for messages that list what exists).</param>
public sealed record VersionResolution(VersionCandidate? Selected, string? Error, IReadOnlyList<VersionCandidate> Available)
{
    /// <summary>True when a version was selected.</summary>
    public bool Succeeded => Selected is not null;

    /// <summary>The error followed by what exists, for people at a terminal; the reconciler reports <see cref="Error"/> verbatim.</summary>
    public string? ExplainFailure() => Error is null
        ? null
        : Available.Count == 0
            ? $"{Error} (no versions available)"
            : $"{Error} (available: {string.Join(", ", Available.Select(a => a.Name))})";
}
