namespace FluxOperator.Controllers.Versioning;

/// <summary>Selects the Flux release to install: the highest release directory that satisfies the constraint and whose minor line the operator embeds.</summary>
/// <remarks>
/// Pure: callers list the directories. The allowed minors come from the embedded store, so an artifact can bring new
/// patch releases of embedded minors but never a new minor.
/// </remarks>
public static class VersionResolver
{
    /// <summary>The names that parse as versions, newest first; equal versions by ordinal name so the order is deterministic.</summary>
    public static IReadOnlyList<VersionCandidate> Candidates(IEnumerable<string> directoryNames)
    {
        ArgumentNullException.ThrowIfNull(directoryNames);
        return directoryNames
            .Select(VersionCandidate.FromName)
            .OfType<VersionCandidate>()
            .OrderByDescending(c => c.Version, VersionPrecedence.Instance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The `major.minor` lines of the release (non-pre-release) versions among <paramref name="embeddedNames"/>.</summary>
    public static IReadOnlySet<string> AllowedMinors(IEnumerable<string> embeddedNames) =>
        Candidates(embeddedNames)
            .Where(c => VersionConstraint.AnyRelease.IsSatisfiedBy(c.Version))
            .Select(c => LenientVersion.MinorLine(c.Version))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The highest candidate satisfying <paramref name="constraint"/> (restricted to <paramref name="allowedMinors"/> when given), or null.</summary>
    public static VersionCandidate? SelectHighest(VersionConstraint constraint, IEnumerable<string> directoryNames, IReadOnlySet<string>? allowedMinors = null)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        return Candidates(directoryNames).FirstOrDefault(c =>
            constraint.IsSatisfiedBy(c.Version)
            && (allowedMinors is null || allowedMinors.Contains(LenientVersion.MinorLine(c.Version))));
    }

    /// <summary>The Go operator's resolution procedure over directory names, with the Go operator's messages.</summary>
    /// <param name="constraint">`spec.distribution.version` as written.</param>
    /// <param name="candidateNames">Sub-directory names of `&lt;dist&gt;/flux`.</param>
    /// <param name="embeddedNames">Sub-directory names of `&lt;storage&gt;/flux` (the same list when no artifact is used).</param>
    /// <param name="candidateDirectory">`&lt;dist&gt;/flux`, absolute, for the message.</param>
    /// <param name="embeddedDirectory">`&lt;storage&gt;/flux`, absolute, for the message.</param>
    public static VersionResolution Resolve(string constraint, IEnumerable<string> candidateNames, IEnumerable<string> embeddedNames, string candidateDirectory, string embeddedDirectory)
    {
        var available = Candidates(candidateNames);
        var allowed = AllowedMinors(embeddedNames);
        if (!VersionConstraint.TryParse(constraint, out var parsed, out var error))
        {
            return new VersionResolution(null, error, available);
        }

        var selected = available.FirstOrDefault(c => parsed.IsSatisfiedBy(c.Version) && allowed.Contains(LenientVersion.MinorLine(c.Version)));
        return selected is not null
            ? new VersionResolution(selected, null, available)
            : new VersionResolution(null, $"no match found for semver: {constraint} in {candidateDirectory} matching embedded minor versions in {embeddedDirectory}", available);
    }
}
