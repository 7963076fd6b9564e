using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Versioning;

/// <summary>The lexical side of constraints: hyphen ranges, one `||` group split into comparators, wildcards.</summary>
/// <remarks>
/// A hand-written scanner instead of the reference's regular expressions: linear time on hostile input and one place
/// that decides what a comparator is. Whitespace is Go's ASCII <c>\s</c> (space, tab, CR, LF, FF).
/// </remarks>
internal static partial class ConstraintGrammar
{
    private const string ImproperPrefix = "improper constraint: ";

    /// <summary>`A - B` (spaces required around the hyphen) becomes `>= A, <= B `.</summary>
    public static string RewriteHyphenRanges(string text) =>
        text.Contains('-', StringComparison.Ordinal) ? HyphenRange().Replace(text, ">= ${from}, <= ${to} ") : text;

    /// <summary>Parses one OR group: comparators separated by whitespace and/or one comma.</summary>
    public static bool TryParseGroup(string group, [NotNullWhen(true)] out ConstraintGroup? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var atoms = new List<(string Operator, VersionText Version)>();
        var position = 0;
        if (!TryScanAtom(group, ref position, out var first))
        {
            error = ImproperPrefix + GoQuote.Quote(group);
            return false;
        }

        atoms.Add(first);
        while (true)
        {
            var next = SkipSpace(group, position);
            if (next == group.Length)
            {
                break;
            }

            if (group[next] == ',')
            {
                next++;
            }
            else if (next == position)
            {
                // Two comparators written back to back (`>=2.4<2.6`).
                error = ImproperPrefix + GoQuote.Quote(group);
                return false;
            }

            position = next;
            if (!TryScanAtom(group, ref position, out var atom))
            {
                error = ImproperPrefix + GoQuote.Quote(group);
                return false;
            }

            atoms.Add(atom);
        }

        var comparators = new List<VersionComparator>(atoms.Count);
        foreach (var (op, version) in atoms)
        {
            if (!TryBuild(op, version, out var comparator))
            {
                // The reference reaches this only for digits mixed with wildcards (`2x`) or a bad pre-release.
                error = "constraint parser error";
                return false;
            }

            comparators.Add(comparator);
        }

        result = new ConstraintGroup(comparators, comparators.Any(c => c.Base.IsPrerelease));
        error = null;
        return true;
    }

    private static bool TryScanAtom(string s, ref int position, out (string Operator, VersionText Version) atom)
    {
        atom = default;
        var i = SkipSpace(s, position);
        var opStart = i;
        while (i < s.Length && "=!<>~^".Contains(s[i], StringComparison.Ordinal))
        {
            i++;
        }

        var op = s[opStart..i];
        if (!IsOperator(op))
        {
            return false;
        }

        i = SkipSpace(s, i);
        var versionStart = i;
        if (i < s.Length && s[i] == 'v')
        {
            i++;
        }

        var major = ScanSegment(s, ref i);
        if (major is null)
        {
            return false;
        }

        string? minor = null, patch = null, pre = null, build = null;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            minor = ScanSegment(s, ref i);
            if (minor is null)
            {
                return false;
            }

            if (i < s.Length && s[i] == '.')
            {
                i++;
                patch = ScanSegment(s, ref i);
                if (patch is null)
                {
                    return false;
                }
            }
        }

        if (i < s.Length && s[i] == '-' && !TryScanIdentifiers(s, ref i, out pre))
        {
            return false;
        }

        if (i < s.Length && s[i] == '+' && !TryScanIdentifiers(s, ref i, out build))
        {
            return false;
        }

        atom = (op, new VersionText(s[versionStart..i], major, minor, patch, pre, build));
        position = i;
        return true;
    }

    private static bool TryBuild(string op, VersionText text, [NotNullWhen(true)] out VersionComparator? comparator)
    {
        comparator = null;
        Wildcard wildcard;
        string major = text.Major, minor = text.Minor ?? "0", patch = text.Patch ?? "0";
        if (IsWild(text.Major))
        {
            wildcard = Wildcard.Major;
            major = minor = patch = "0";
        }
        else if (text.Minor is null || IsWild(text.Minor))
        {
            wildcard = Wildcard.Minor;
            minor = patch = "0";
        }
        else if (text.Patch is null || IsWild(text.Patch))
        {
            wildcard = Wildcard.Patch;
            patch = "0";
        }
        else
        {
            wildcard = Wildcard.None;
        }

        if (!TryNumber(major, out var ma) || !TryNumber(minor, out var mi) || !TryNumber(patch, out var pa))
        {
            return false;
        }

        var labels = text.Prerelease?.Split('.') ?? [];
        if (labels.Any(l => l.Length > 1 && l[0] == '0' && l.All(char.IsAsciiDigit)))
        {
            return false;
        }

        // A wildcard version keeps its pre-release (it opts the group into pre-releases) but not its build metadata.
        var metadata = wildcard == Wildcard.None ? text.Build : null;
        comparator = new VersionComparator(ParseOperator(op), new SemanticVersion(ma, mi, pa, labels, metadata), wildcard, text.Text);
        return true;
    }

    private static bool IsOperator(string op) => op is "" or "=" or "!=" or ">" or "<" or ">=" or "=>" or "<=" or "=<" or "~" or "~>" or "^";

    private static ConstraintOperator ParseOperator(string op) => op switch
    {
        "!=" => ConstraintOperator.NotEqual,
        ">" => ConstraintOperator.GreaterThan,
        ">=" or "=>" => ConstraintOperator.GreaterThanOrEqual,
        "<" => ConstraintOperator.LessThan,
        "<=" or "=<" => ConstraintOperator.LessThanOrEqual,
        "~" or "~>" => ConstraintOperator.Tilde,
        "^" => ConstraintOperator.Caret,
        _ => ConstraintOperator.Equal,
    };

    private static bool IsWild(string segment) => segment is "x" or "X" or "*";

    private static bool TryNumber(string digits, out int value) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string? ScanSegment(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is 'x' or 'X' or '*'))
        {
            i++;
        }

        return i > start ? s[start..i] : null;
    }

    // After '-' or '+': identifiers of [0-9A-Za-z-] separated by dots; a dot not followed by one ends the scan before it.
    private static bool TryScanIdentifiers(string s, ref int i, out string? identifiers)
    {
        var start = i + 1;
        var end = ScanIdentifier(s, start);
        if (end == start)
        {
            identifiers = null;
            return false;
        }

        while (end < s.Length && s[end] == '.')
        {
            var next = ScanIdentifier(s, end + 1);
            if (next == end + 1)
            {
                break;
            }

            end = next;
        }

        identifiers = s[start..end];
        i = end;
        return true;
    }

    private static int ScanIdentifier(string s, int i)
    {
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] == '-'))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r' or '\f')
        {
            i++;
        }

        return i;
    }

    private const string Cv = @"v?[0-9xX*]+(?:\.[0-9xX*]+)?(?:\.[0-9xX*]+)?(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?";

    [GeneratedRegex(@"[ \t\n\f\r]*(?<from>" + Cv + @")[ \t\n\f\r]+-[ \t\n\f\r]+(?<to>" + Cv + @")[ \t\n\f\r]*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HyphenRange();

    /// <summary>The parts of a constraint's version as written; wildcards and missing parts still visible.</summary>
    private readonly record struct VersionText(string Text, string Major, string? Minor, string? Patch, string? Prerelease, string? Build);
}
