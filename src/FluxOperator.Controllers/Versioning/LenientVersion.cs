using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>Parses version text the lenient way Flux does (release directory names, revisions): `v2.9`, `2.9.1+build.1`, `v02.08.0`.</summary>
/// <remarks>
/// Missing minor/patch mean 0, leading zeros in the numeric parts are accepted, only a lowercase `v` prefix is
/// allowed, and pre-release identifiers follow SemVer 2.0 (no empty identifiers, no leading zero in a numeric one).
/// The result is a <see cref="SemanticVersion"/>; order it with <see cref="VersionPrecedence"/>, not with NuGet's own
/// comparison (NuGet compares pre-release labels case-insensitively, SemVer does not).
/// </remarks>
public static partial class LenientVersion
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a version.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version) =>
        TryParse(text, out version, out _);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why (Go semver's wording).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out SemanticVersion? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        var match = text is null ? Match.Empty : Grammar().Match(text);
        if (!match.Success)
        {
            error = "invalid semantic version";
            return false;
        }

        if (!TryNumber(match.Groups["major"].Value, out var major)
            || !TryNumber(match.Groups["minor"].Value, out var minor)
            || !TryNumber(match.Groups["patch"].Value, out var patch))
        {
            error = "error parsing version segment: value out of range";
            return false;
        }

        var labels = Array.Empty<string>();
        if (match.Groups["pre"].Success)
        {
            labels = match.Groups["pre"].Value.Split('.');
            if (labels.Any(l => l.Length > 1 && l[0] == '0' && l.All(char.IsAsciiDigit)))
            {
                error = "version segment starts with 0";
                return false;
            }
        }

        var metadata = match.Groups["build"].Success ? match.Groups["build"].Value : null;
        version = new SemanticVersion(major, minor, patch, labels, metadata);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/>.</summary>
    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException($"version '{text}' parse error: {error}");

    /// <summary>The `major.minor` key used to compare release lines (e.g. `2.9`).</summary>
    public static string MinorLine(SemanticVersion version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}");

    private static bool TryNumber(string digits, out int value)
    {
        if (digits.Length == 0)
        {
            value = 0;
            return true;
        }

        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // \z rather than $: a trailing newline must not pass as part of a directory name.
    [GeneratedRegex(@"^v?(?<major>[0-9]+)(?:\.(?<minor>[0-9]+))?(?:\.(?<patch>[0-9]+))?(?:-(?<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+(?<build>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
