using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>A release directory whose name parses as a version: the name is kept verbatim (`v2.9.4`), it ends up in labels and revisions.</summary>
/// <param name="Name">The directory name.</param>
/// <param name="Version">The parsed version.</param>
public sealed record VersionCandidate(string Name, SemanticVersion Version)
{
    /// <summary>The candidate for <paramref name="name"/>, or null when the name is not a version (`latest`, `V2.9.2`).</summary>
    public static VersionCandidate? FromName(string name) =>
        LenientVersion.TryParse(name, out var version) ? new VersionCandidate(name, version) : null;

    /// <inheritdoc />
    public override string ToString() => Name;
}
