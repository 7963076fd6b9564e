using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Templating;

/// <summary>YAML in go-yaml v2's style: natural key order, block sequences not indented under their key, strings
/// plain whenever a YAML 1.1 reader gets the same string back. Templates stored as JSON are turned back into text
/// with this writer, so the style decides whether a rendered <c>&lt;&lt; inputs.n &gt;&gt;</c> reads as a number.</summary>
internal static partial class GoYaml
{
    /// <summary><c>yaml.Marshal</c> of a value (always ends with a newline).</summary>
    public static string Marshal(object? value)
    {
        var builder = new StringBuilder();
        WriteTop(builder, value);
        return builder.ToString();
    }

    private static void WriteTop(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case Dictionary<string, object?> { Count: > 0 } map:
                WriteMap(builder, map, 0, firstInline: false, depth: 0);
                break;
            case List<object?> { Count: > 0 } list:
                WriteList(builder, list, 0, firstInline: false, depth: 0);
                break;
            case string s when s.Contains('\n') && BlockAllowed(s):
                WriteLiteral(builder, s, 2);
                break;
            default:
                builder.Append(Scalar(value, isKey: false)).Append('\n');
                break;
        }
    }

    private static void CheckDepth(int depth)
    {
        if (depth > 1000)
        {
            throw new FunctionException("yaml: value nests deeper than 1000 levels");
        }
    }

    private static void WriteMap(StringBuilder builder, Dictionary<string, object?> map, int indent, bool firstInline, int depth)
    {
        CheckDepth(depth);
        var keys = map.Keys.ToArray();
        Array.Sort(keys, NaturalKeyOrder.Instance);
        var first = true;
        foreach (var key in keys)
        {
            if (!(first && firstInline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append(Scalar(key, isKey: true)).Append(':');
            WriteValue(builder, map[key], indent, depth);
        }
    }

    private static void WriteValue(StringBuilder builder, object? value, int indent, int depth)
    {
        switch (value)
        {
            case Dictionary<string, object?> { Count: > 0 } child:
                builder.Append('\n');
                WriteMap(builder, child, indent + 2, firstInline: false, depth + 1);
                break;
            case List<object?> { Count: > 0 } list:
                builder.Append('\n');
                WriteList(builder, list, indent, firstInline: false, depth + 1);
                break;
            case string s when s.Contains('\n') && BlockAllowed(s):
                builder.Append(' ');
                WriteLiteral(builder, s, indent + 2);
                break;
            default:
                builder.Append(' ').Append(Scalar(value, isKey: false)).Append('\n');
                break;
        }
    }

    private static void WriteList(StringBuilder builder, List<object?> list, int indent, bool firstInline, int depth)
    {
        CheckDepth(depth);
        var first = true;
        foreach (var item in list)
        {
            if (!(first && firstInline))
            {
                builder.Append(' ', indent);
            }

            first = false;
            builder.Append('-');
            switch (item)
            {
                case Dictionary<string, object?> { Count: > 0 } map:
                    builder.Append(' ');
                    WriteMap(builder, map, indent + 2, firstInline: true, depth + 1);
                    break;
                case List<object?> { Count: > 0 } inner:
                    builder.Append(' ');
                    WriteList(builder, inner, indent + 2, firstInline: true, depth + 1);
                    break;
                case string s when s.Contains('\n') && BlockAllowed(s):
                    builder.Append(' ');
                    WriteLiteral(builder, s, indent + 2);
                    break;
                default:
                    builder.Append(' ').Append(Scalar(item, isKey: false)).Append('\n');
                    break;
            }
        }
    }

    private static void WriteLiteral(StringBuilder builder, string s, int indent)
    {
        var trailing = s.Length - s.TrimEnd('\n').Length;
        builder.Append('|');
        if (s.Length > 0 && s[0] == ' ')
        {
            builder.Append('2');
        }

        builder.Append(trailing switch { 0 => "-", 1 => string.Empty, _ => "+" }).Append('\n');
        var body = trailing == 0 ? s : s[..^1];
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }

            builder.Append('\n');
        }
    }

    /// <summary>A literal block keeps the text exactly only without trailing spaces, " \n" and non-printables.</summary>
    private static bool BlockAllowed(string s) =>
        !s.EndsWith(' ') && !s.Contains(" \n", StringComparison.Ordinal) && s.All(c => c == '\n' || IsPrintable(c));

    private static bool IsPrintable(char c) =>
        c is '\n' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD') && c != '\uFEFF'
        || char.IsSurrogate(c);

    private static string Scalar(object? value, bool isKey) => value switch
    {
        null => "null",
        string s => StringScalar(s, isKey),
        bool b => b ? "true" : "false",
        long or GoInt => GoValues.Print(value),
        double d => double.IsNaN(d) ? ".nan" : double.IsPositiveInfinity(d) ? ".inf" : double.IsNegativeInfinity(d) ? "-.inf" : GoFloat.FormatG(d),
        DateTimeOffset t => GoValues.FormatTime(t),
        Dictionary<string, object?> => "{}",
        List<object?> => "[]",
        _ => StringScalar(GoValues.Print(value), isKey),
    };

    private static string StringScalar(string s, bool isKey)
    {
        if (YamlResolver.ResolvesToNonString(s) || Base60Float().IsMatch(s))
        {
            return DoubleQuoted(s);
        }

        var (plain, single) = Analyze(s, isKey);
        if (plain)
        {
            return s;
        }

        return single ? "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'" : DoubleQuoted(s);
    }

    /// <summary>libyaml's scalar analysis: may the text be written plain (block context), or single-quoted?</summary>
    private static (bool Plain, bool Single) Analyze(string s, bool isKey)
    {
        if (s.Length == 0)
        {
            return (false, true);
        }

        if ((s.StartsWith("---", StringComparison.Ordinal) || s.StartsWith("...", StringComparison.Ordinal))
            && (s.Length == 3 || IsBlankOrBreak(s[3])))
        {
            return (false, true);
        }

        bool blockIndicators = false, special = false, lineBreaks = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var followedByWhitespace = i + 1 >= s.Length || IsBlankOrBreak(s[i + 1]);
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':' or '-' when followedByWhitespace:
                        blockIndicators = true;
                        break;
                }
            }
            else
            {
                switch (c)
                {
                    case ':' when followedByWhitespace:
                        blockIndicators = true;
                        break;
                    case '#' when IsBlankOrBreak(s[i - 1]):
                        blockIndicators = true;
                        break;
                }
            }

            if (!IsPrintable(c) && c != '\n')
            {
                special = true;
            }

            if (c == '\n')
            {
                lineBreaks = true;
            }

            if (c == ' ')
            {
                if (i == 0)
                {
                    leadingSpace = true;
                }

                if (i == s.Length - 1)
                {
                    trailingSpace = true;
                }

                if (previousBreak)
                {
                    breakSpace = true;
                }

                previousSpace = true;
                previousBreak = false;
            }
            else if (c is '\n' or '\r')
            {
                if (i == 0)
                {
                    leadingBreak = true;
                }

                if (i == s.Length - 1)
                {
                    trailingBreak = true;
                }

                if (previousSpace)
                {
                    spaceBreak = true;
                }

                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }
        }

        var plainAllowed = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak || special || blockIndicators);
        var singleAllowed = !(breakSpace || spaceBreak || special);
        if (lineBreaks || (isKey && lineBreaks))
        {
            plainAllowed = false;
        }

        if (isKey && lineBreaks)
        {
            singleAllowed = false;
        }

        if (s.Contains('\t', StringComparison.Ordinal))
        {
            // A tab is not printable for libyaml: only double quotes keep it.
            plainAllowed = false;
            singleAllowed = false;
        }

        return (plainAllowed, singleAllowed);
    }

    private static bool IsBlankOrBreak(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static string DoubleQuoted(string s)
    {
        var builder = new StringBuilder(s.Length + 2).Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            var v = rune.Value;
            switch (v)
            {
                case 0: builder.Append("\\0"); break;
                case 7: builder.Append("\\a"); break;
                case 8: builder.Append("\\b"); break;
                case 9: builder.Append("\\t"); break;
                case 10: builder.Append("\\n"); break;
                case 11: builder.Append("\\v"); break;
                case 12: builder.Append("\\f"); break;
                case 13: builder.Append("\\r"); break;
                case 27: builder.Append("\\e"); break;
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case 0x85: builder.Append("\\N"); break;
                case 0xA0: builder.Append("\\_"); break;
                case 0x2028: builder.Append("\\L"); break;
                case 0x2029: builder.Append("\\P"); break;
                default:
                    if (v < 0x20 || v == 0x7F || v is >= 0x80 and < 0xA0 || v == 0xFEFF)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{v:X2}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    /// <summary>go-yaml v2's map key order: letters by code point, a non-letter before a letter, digit runs numerically.</summary>
    private sealed class NaturalKeyOrder : IComparer<string>
    {
        public static readonly NaturalKeyOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            if (x == y)
            {
                return 0;
            }

            return Less(x!, y!) ? -1 : Less(y!, x!) ? 1 : string.CompareOrdinal(x, y);
        }

        private static bool Less(string a, string b)
        {
            var ar = a.EnumerateRunes().ToArray();
            var br = b.EnumerateRunes().ToArray();
            for (var i = 0; i < ar.Length && i < br.Length; i++)
            {
                if (ar[i] == br[i])
                {
                    continue;
                }

                var al = Rune.IsLetter(ar[i]);
                var bl = Rune.IsLetter(br[i]);
                if (al && bl)
                {
                    return ar[i] < br[i];
                }

                if (al || bl)
                {
                    return bl;
                }

                long an = 0, bn = 0;
                if (ar[i].Value == '0' || br[i].Value == '0')
                {
                    for (var j = i - 1; j >= 0 && Rune.IsDigit(ar[j]); j--)
                    {
                        if (ar[j].Value != '0')
                        {
                            an = 1;
                            bn = 1;
                            break;
                        }
                    }
                }

                int ai, bi;
                for (ai = i; ai < ar.Length && Rune.IsDigit(ar[ai]); ai++)
                {
                    an = unchecked((an * 10) + ar[ai].Value - '0');
                }

                for (bi = i; bi < br.Length && Rune.IsDigit(br[bi]); bi++)
                {
                    bn = unchecked((bn * 10) + br[bi].Value - '0');
                }

                if (an != bn)
                {
                    return an < bn;
                }

                if (ai != bi)
                {
                    return ai < bi;
                }

                return ar[i] < br[i];
            }

            return ar.Length < br.Length;
        }
    }
}
