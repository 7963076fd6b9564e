using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Primitives;

/// <summary>Compiles RE2 (Go) regular expressions for .NET, reporting syntax errors in Go's words.</summary>
/// <remarks>
/// Target regexes are anchored as <c>^(?:…)$</c> and must fail exactly where Go's <c>regexp.Compile</c> fails, with its
/// message (<c>error parsing regexp: missing closing ): `^(?:(x)$`</c>), because users compare messages with the Go
/// operator. Features .NET lacks are translated (<c>(?P&lt;n&gt;</c>, <c>\Q…\E</c>, POSIX classes); features RE2 lacks
/// (look-around, back-references, possessive and atomic groups) are rejected as Go rejects them.
/// </remarks>
public static partial class GoRegex
{
    /// <summary>An anchored matcher for a target field.</summary>
    /// <exception cref="ArgumentException">Invalid RE2 syntax; the message is Go's.</exception>
    public static Regex CompileAnchored(string pattern)
    {
        var anchored = "^(?:" + pattern + ")$";
        var translated = Translate(anchored);
        return new Regex(translated[..^1] + @"\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
    }

    /// <summary>The anchored matcher, or false with Go's message when the pattern is not valid RE2.</summary>
    public static bool TryCompileAnchored(string pattern, [NotNullWhen(true)] out Regex? regex, [NotNullWhen(false)] out string? error)
    {
        try
        {
            regex = CompileAnchored(pattern);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            regex = null;
            error = e.Message;
            return false;
        }
    }

    private static ArgumentException Error(string code, string expr) => new($"error parsing regexp: {code}: `{expr}`");

    /// <summary>Validates with Go's rules and returns the equivalent .NET pattern.</summary>
    internal static string Translate(string re)
    {
        var output = new StringBuilder(re.Length + 8);
        var parens = 0;
        var canRepeat = false; // whether the previous item is something a repetition operator may follow
        string? lastRepeat = null; // the previous item when it was a repetition operator
        for (var i = 0; i < re.Length; i++)
        {
            var c = re[i];
            switch (c)
            {
                case '\\':
                    i = Escape(re, i, output);
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '[':
                    i = CharClass(re, i, output);
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '(':
                    i = Group(re, i, output, out var isFlagsOnly);
                    if (!isFlagsOnly)
                    {
                        parens++;
                    }

                    canRepeat = false;
                    lastRepeat = null;
                    continue;
                case ')':
                    if (parens == 0)
                    {
                        throw Error("unexpected )", re);
                    }

                    parens--;
                    output.Append(c);
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '|':
                    output.Append(c);
                    canRepeat = false;
                    lastRepeat = null;
                    continue;
                case '*' or '+' or '?':
                case '{' when RepeatEnd(re, i) > 0:
                    var end = c == '{' ? RepeatEnd(re, i) : i;
                    if (end + 1 < re.Length && re[end + 1] == '?')
                    {
                        end++; // non-greedy form
                    }

                    var op = re[i..(end + 1)];
                    if (lastRepeat is not null)
                    {
                        throw Error("invalid nested repetition operator", lastRepeat + op);
                    }

                    if (!canRepeat)
                    {
                        throw Error("missing argument to repetition operator", op);
                    }

                    if (c == '{')
                    {
                        CheckRepeatCount(op.TrimEnd('?'));
                    }

                    output.Append(op);
                    i = end;
                    lastRepeat = op;
                    continue;
                default:
                    output.Append(c);
                    canRepeat = true; // literals, '.', and (as Go allows) the empty-width '^' and '$'
                    lastRepeat = null;
                    continue;
            }
        }

        if (parens > 0)
        {
            throw Error("missing closing )", re);
        }

        return output.ToString();
    }

    private static int RepeatEnd(string re, int start)
    {
        var close = re.IndexOf('}', start);
        if (close < 0)
        {
            return -1;
        }

        var body = re[(start + 1)..close];
        var parts = body.Split(',');
        return parts.Length is 1 or 2 && parts[0].Length > 0 && parts.All(p => p.All(char.IsAsciiDigit)) ? close : -1;
    }

    private static void CheckRepeatCount(string op)
    {
        var parts = op[1..^1].Split(',');
        var min = int.TryParse(parts[0], out var a) ? a : int.MaxValue;
        var max = parts.Length == 1 ? min : parts[1].Length == 0 ? -1 : int.TryParse(parts[1], out var b) ? b : int.MaxValue;
        if (min > 1000 || max > 1000 || (max >= 0 && max < min))
        {
            throw Error("invalid repeat count", op);
        }
    }

    private static int Escape(string re, int i, StringBuilder output)
    {
        if (i + 1 >= re.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        var next = re[i + 1];
        if (next == 'Q')
        {
            var end = re.IndexOf(@"\E", i + 2, StringComparison.Ordinal);
            var literal = end < 0 ? re[(i + 2)..] : re[(i + 2)..end];
            output.Append(Regex.Escape(literal));
            return end < 0 ? re.Length - 1 : end + 1;
        }

        if (char.IsAsciiLetterOrDigit(next) && !"abfnrtvdDsSwWbBAzpPx0123456789".Contains(next, StringComparison.Ordinal))
        {
            throw Error("invalid escape sequence", re.Substring(i, 2));
        }

        if (next is >= '1' and <= '9')
        {
            throw Error("invalid escape sequence", re.Substring(i, 2)); // RE2 has no back-references
        }

        if (next is 'p' or 'P' && i + 2 < re.Length && re[i + 2] != '{')
        {
            output.Append('\\').Append(next).Append('{').Append(re[i + 2]).Append('}'); // \pL is \p{L} in .NET
            return i + 2;
        }

        output.Append(re, i, 2);
        return i + 1;
    }
}
