using System.Globalization;
using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>URL-safe slugs as gosimple/slug makes them (English substitutions, ASCII transliteration, lower case,
/// <c>[a-z0-9-_]</c>, at most 63 bytes cut at a dash).</summary>
internal static class Slug
{
    public const int MaxLength = 63;

    public static string Make(string text)
    {
        var s = text.Trim(' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0');
        var substituted = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            substituted.Append(c switch
            {
                '&' => "and",
                '@' => "at",
                '"' or '\'' or '\u2019' => string.Empty,
                '\u2012' or '\u2013' or '\u2014' or '\u2015' => "-",
                _ => c.ToString(),
            });
        }

        var ascii = Transliterate(substituted.ToString()).ToLowerInvariant();
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
            var ch = allowed ? c : '-';
            if (ch == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                continue;
            }

            builder.Append(ch);
        }

        var slug = builder.ToString().Trim('-', '_');
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        for (var i = MaxLength; i >= 0; i--)
        {
            if (slug[i] == '-')
            {
                return slug[..i];
            }
        }

        return slug[..MaxLength];
    }

    /// <summary>Latin letters lose their accents (canonical decomposition), and the common letters that do not
    /// decompose are spelled out; other scripts pass through and become dashes.</summary>
    private static string Transliterate(string s)
    {
        var builder = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c < 0x80)
            {
                builder.Append(c);
                continue;
            }

            if (Special.TryGetValue(c, out var replacement))
            {
                builder.Append(replacement);
                continue;
            }

            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            foreach (var d in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(d < 0x80 ? d : ' ');
                }
            }
        }

        return builder.ToString();
    }

    private static readonly Dictionary<char, string> Special = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['Æ'] = "AE", ['ø'] = "o", ['Ø'] = "O", ['œ'] = "oe", ['Œ'] = "OE", ['đ'] = "d", ['Đ'] = "D",
        ['ł'] = "l", ['Ł'] = "L", ['þ'] = "th", ['Þ'] = "Th", ['ð'] = "d", ['Ð'] = "D", ['ı'] = "i", ['ĸ'] = "q",
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "io", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "shch",
        ['ъ'] = "'", ['ы'] = "y", ['ь'] = "'", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
        ['А'] = "A", ['Б'] = "B", ['В'] = "V", ['Г'] = "G", ['Д'] = "D", ['Е'] = "E", ['Ё'] = "Io", ['Ж'] = "Zh", ['З'] = "Z",
        ['И'] = "I", ['Й'] = "I", ['К'] = "K", ['Л'] = "L", ['М'] = "M", ['Н'] = "N", ['О'] = "O", ['П'] = "P", ['Р'] = "R",
        ['С'] = "S", ['Т'] = "T", ['У'] = "U", ['Ф'] = "F", ['Х'] = "Kh", ['Ц'] = "Ts", ['Ч'] = "Ch", ['Ш'] = "Sh", ['Щ'] = "Shch",
        ['Ъ'] = "'", ['Ы'] = "Y", ['Ь'] = "'", ['Э'] = "E", ['Ю'] = "Iu", ['Я'] = "Ia",
        ['α'] = "a", ['β'] = "b", ['γ'] = "g", ['δ'] = "d", ['ε'] = "e", ['ζ'] = "z", ['η'] = "e", ['θ'] = "th", ['ι'] = "i",
        ['κ'] = "k", ['λ'] = "l", ['μ'] = "m", ['ν'] = "n", ['ξ'] = "x", ['ο'] = "o", ['π'] = "p", ['ρ'] = "r", ['σ'] = "s",
        ['ς'] = "s", ['τ'] = "t", ['υ'] = "u", ['φ'] = "ph", ['χ'] = "kh", ['ψ'] = "ps", ['ω'] = "o",
    };
}
