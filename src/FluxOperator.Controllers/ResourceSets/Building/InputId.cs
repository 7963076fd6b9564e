using System.Globalization;
using System.Text;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>Identifiers of input sets: Adler-32 ids and template-safe source names.</summary>
public static class InputId
{
    /// <summary>The Adler-32 checksum of the UTF-8 bytes of <paramref name="text"/>, in decimal.</summary>
    public static string Compute(string text) =>
        Adler32.Compute(Encoding.UTF8.GetBytes(text)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Lower-cases, turns white space and punctuation into <c>_</c>, drops symbols and non-ASCII, and joins the
    /// non-empty parts with <c>_</c> — so <c>My-ResourceSet</c> is read in templates as <c>inputs.my_resourceset</c>.</summary>
    public static string NormalizeKey(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var lower = Rune.ToLowerInvariant(rune);
            if (Rune.IsWhiteSpace(lower) || IsGoPunct(lower))
            {
                builder.Append('_');
            }
            else if (lower.Value is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append((char)lower.Value);
            }
        }

        return string.Join('_', builder.ToString().Split('_', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Go's <c>unicode.IsPunct</c>: the Unicode P* categories (not symbols such as <c>$</c>, <c>+</c>, <c>^</c>).</summary>
    private static bool IsGoPunct(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
}
