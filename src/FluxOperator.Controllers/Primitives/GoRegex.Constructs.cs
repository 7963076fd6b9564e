using System.Text;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Primitives;

/// <summary>Character classes and groups: the RE2 constructs that need translation or rejection.</summary>
public static partial class GoRegex
{
    private static readonly Dictionary<string, string> PosixClasses = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z", ["alpha"] = "A-Za-z", ["ascii"] = @"\x00-\x7F", ["blank"] = @"\t ", ["cntrl"] = @"\x00-\x1F\x7F",
        ["digit"] = "0-9", ["graph"] = @"!-~", ["lower"] = "a-z", ["print"] = " -~", ["punct"] = @"!-/:-@\[-`{-~",
        ["space"] = @"\t\n\v\f\r ", ["upper"] = "A-Z", ["word"] = "0-9A-Za-z_", ["xdigit"] = "0-9A-Fa-f",
    };

    private static int CharClass(string re, int start, StringBuilder output)
    {
        var i = start + 1;
        var body = new StringBuilder("[");
        if (i < re.Length && re[i] == '^')
        {
            body.Append('^');
            i++;
        }

        var first = true;
        while (i < re.Length && (re[i] != ']' || first))
        {
            first = false;
            if (re[i] == '[' && i + 1 < re.Length && re[i + 1] == ':')
            {
                var close = re.IndexOf(":]", i + 2, StringComparison.Ordinal);
                if (close > 0 && PosixClasses.TryGetValue(re[(i + 2)..close].TrimStart('^'), out var set))
                {
                    body.Append(set);
                    i = close + 2;
                    continue;
                }
            }

            if (re[i] == '\\')
            {
                if (i + 1 >= re.Length)
                {
                    throw Error("missing closing ]", re[start..]);
                }

                body.Append(re, i, 2);
                i += 2;
                continue;
            }

            if (i + 2 < re.Length && re[i + 1] == '-' && re[i + 2] != ']' && re[i + 2] != '\\' && re[i + 2] < re[i])
            {
                throw Error("invalid character class range", re.Substring(i, 3));
            }

            body.Append(re[i] == '[' ? @"\[" : re[i].ToString());
            i++;
        }

        if (i >= re.Length)
        {
            throw Error("missing closing ]", re[start..]);
        }

        output.Append(body).Append(']');
        return i;
    }

    private static int Group(string re, int start, StringBuilder output, out bool flagsOnly)
    {
        flagsOnly = false;
        if (start + 1 >= re.Length || re[start + 1] != '?')
        {
            output.Append('(');
            return start;
        }

        var rest = re[(start + 2)..];
        if (rest.StartsWith(':'))
        {
            output.Append("(?:");
            return start + 2;
        }

        foreach (var prefix in new[] { "P<", "<" })
        {
            if (rest.StartsWith(prefix, StringComparison.Ordinal) && !rest.StartsWith("<=", StringComparison.Ordinal) && !rest.StartsWith("<!", StringComparison.Ordinal))
            {
                var close = rest.IndexOf('>', StringComparison.Ordinal);
                var name = close < 0 ? string.Empty : rest[prefix.Length..close];
                if (close < 0 || name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    throw Error("invalid named capture", re[start..(close < 0 ? re.Length : start + 3 + close)]);
                }

                output.Append("(?<").Append(name).Append('>');
                return start + 2 + close;
            }
        }

        // Flags: (?flags) or (?flags:re) with flags from imsU and an optional '-'.
        var j = 0;
        while (j < rest.Length && "imsU-".Contains(rest[j], StringComparison.Ordinal))
        {
            j++;
        }

        if (j > 0 && j < rest.Length && rest[j] is ')' or ':' && !rest[..j].EndsWith('-'))
        {
            var flags = rest[..j].Replace("U", string.Empty, StringComparison.Ordinal);
            flagsOnly = rest[j] == ')';
            output.Append("(?").Append(flags.Length == 0 || flags == "-" ? string.Empty : flags).Append(rest[j]);
            if (flags.Length == 0 || flags == "-")
            {
                // an empty flag group: keep a neutral construct
                output.Length -= 2 + 1;
                output.Append(flagsOnly ? string.Empty : "(?:");
            }

            return start + 2 + j;
        }

        throw Error("invalid or unsupported Perl syntax", re.Substring(start, Math.Min(3, re.Length - start)));
    }
}
