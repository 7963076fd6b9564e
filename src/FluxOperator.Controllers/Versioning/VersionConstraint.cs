using System.Diagnostics.CodeAnalysis;
using System.Text;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>A semver constraint as users write it in <c>spec.distribution.version</c> (the Masterminds semver grammar the Go operator uses).</summary>
/// <remarks>
/// <c>2.x</c>, <c>2.3.x</c>, <c>~2.3</c>, <c>^2.3</c>, <c>&gt;=2.3 &lt;2.5</c>, <c>&gt;= 2.3, &lt; 2.5</c>, <c>2.3.0</c>, <c>*</c>,
/// hyphen ranges (<c>2.3 - 2.5</c>) and <c>||</c> alternatives. A pre-release candidate can only satisfy an alternative
/// that itself names a pre-release. Parse errors carry the Go operator's message:
/// <c>semver '&lt;text&gt;' parse error: improper constraint: "&lt;group&gt;"</c>.
/// </remarks>
public sealed class VersionConstraint
{
    /// <summary>Longest accepted constraint, in UTF-8 bytes (Masterminds semver's limit; it also bounds parsing cost).</summary>
    public const int MaxLength = 512;

    /// <summary>Most `||` alternatives accepted.</summary>
    public const int MaxGroups = 32;

    private VersionConstraint(string text, IReadOnlyList<ConstraintGroup> groups)
    {
        Text = text;
        Groups = groups;
    }

    /// <summary>`*`: every release version (no pre-releases).</summary>
    public static VersionConstraint AnyRelease { get; } = Parse("*");

    /// <summary>The constraint exactly as written.</summary>
    public string Text { get; }

    /// <summary>The `||` alternatives.</summary>
    public IReadOnlyList<ConstraintGroup> Groups { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> holds the full message (`semver '…' parse error: …`).</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out VersionConstraint? constraint, [NotNullWhen(false)] out string? error)
    {
        text ??= string.Empty;
        constraint = null;
        if (!TryParseGroups(text, out var groups, out var detail))
        {
            error = $"semver '{text}' parse error: {detail}";
            return false;
        }

        constraint = new VersionConstraint(text, groups);
        error = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static VersionConstraint Parse(string text) =>
        TryParse(text, out var constraint, out var error) ? constraint : throw new FormatException(error);

    /// <summary>True when <paramref name="version"/> satisfies some alternative.</summary>
    public bool IsSatisfiedBy(SemanticVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Groups.Any(g => g.Comparators.All(c => c.IsSatisfiedBy(version, g.AdmitsPrereleases)));
    }

    /// <summary>True when <paramref name="version"/> parses leniently (`v2.9.4`, `2.9`) and satisfies the constraint.</summary>
    public bool IsSatisfiedBy(string version) =>
        LenientVersion.TryParse(version, out var parsed) && IsSatisfiedBy(parsed);

    /// <inheritdoc />
    public override string ToString() => Text;

    private static bool TryParseGroups(string text, [NotNullWhen(true)] out IReadOnlyList<ConstraintGroup>? groups, [NotNullWhen(false)] out string? detail)
    {
        groups = null;
        if (Encoding.UTF8.GetByteCount(text) > MaxLength)
        {
            detail = $"constraint string is too long (max {MaxLength} bytes)";
            return false;
        }

        var alternatives = ConstraintGrammar.RewriteHyphenRanges(text).Split("||");
        if (alternatives.Length > MaxGroups)
        {
            detail = $"too many constraint groups (max {MaxGroups})";
            return false;
        }

        var result = new List<ConstraintGroup>(alternatives.Length);
        foreach (var alternative in alternatives)
        {
            if (!ConstraintGrammar.TryParseGroup(alternative, out var group, out detail))
            {
                return false;
            }

            result.Add(group);
        }

        groups = result;
        detail = null;
        return true;
    }
}
