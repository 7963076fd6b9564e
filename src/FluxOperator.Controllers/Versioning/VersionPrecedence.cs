using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>SemVer 2.0 precedence as Go's Masterminds semver applies it: build metadata ignored, pre-release labels compared case-sensitively.</summary>
public sealed class VersionPrecedence : IComparer<SemanticVersion>
{
    /// <summary>The shared instance.</summary>
    public static VersionPrecedence Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(SemanticVersion? x, SemanticVersion? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var byNumbers = x.Major.CompareTo(y.Major);
        if (byNumbers == 0)
        {
            byNumbers = x.Minor.CompareTo(y.Minor);
        }

        if (byNumbers == 0)
        {
            byNumbers = x.Patch.CompareTo(y.Patch);
        }

        if (byNumbers != 0)
        {
            return Math.Sign(byNumbers);
        }

        // A release ranks above its pre-releases.
        return (x.IsPrerelease, y.IsPrerelease) switch
        {
            (false, false) => 0,
            (false, true) => 1,
            (true, false) => -1,
            _ => CompareLabels(x.ReleaseLabels.ToArray(), y.ReleaseLabels.ToArray()),
        };
    }

    /// <summary>Compares two pre-release label lists; a shorter list ranks lower when all shared labels are equal.</summary>
    internal static int CompareLabels(IReadOnlyList<string> x, IReadOnlyList<string> y)
    {
        for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
        {
            var result = CompareLabel(x[i], y[i]);
            if (result != 0)
            {
                return result;
            }
        }

        return x.Count.CompareTo(y.Count);
    }

    private static int CompareLabel(string x, string y)
    {
        var xNumeric = x.Length > 0 && x.All(char.IsAsciiDigit);
        var yNumeric = y.Length > 0 && y.All(char.IsAsciiDigit);
        return (xNumeric, yNumeric) switch
        {
            // Numeric identifiers compare as numbers of any size: length first (no leading zeros), then digits.
            (true, true) => x.Length != y.Length ? x.Length.CompareTo(y.Length) : Math.Sign(string.CompareOrdinal(x, y)),
            (true, false) => -1,
            (false, true) => 1,
            _ => Math.Sign(string.CompareOrdinal(x, y)),
        };
    }
}
