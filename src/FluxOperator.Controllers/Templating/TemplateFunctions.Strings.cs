using System.Globalization;
using System.Text;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static IEnumerable<TemplateFunction> Strings()
    {
        yield return F.Fixed("hello", (_, _) => "Hello!");
        yield return F.Fixed("trunc", (_, a) => Trunc(I(a, 0), S(a, 1)), Int, Text);
        yield return F.Fixed("trim", (_, a) => S(a, 0).Trim(GoSpace), Text);
        yield return F.Fixed("upper", (_, a) => S(a, 0).ToUpperInvariant(), Text);
        yield return F.Fixed("lower", (_, a) => S(a, 0).ToLowerInvariant(), Text);
        yield return F.Fixed("title", (_, a) => Title(S(a, 0)), Text);
        yield return F.Fixed("substr", (_, a) => Substring(I(a, 0), I(a, 1), S(a, 2)), Int, Int, Text);
        yield return F.Fixed("repeat", (c, a) =>
        {
            var count = I(a, 0);
            var s = S(a, 1);
            if (count < 0)
            {
                throw new FunctionException("strings: negative Repeat count");
            }

            if (count * Encoding.UTF8.GetByteCount(s) > c.Limits.MaxOutputBytes)
            {
                throw new TemplateLimitException($"repeat result exceeds {Executor.FormatBytes(c.Limits.MaxOutputBytes)}");
            }

            return string.Concat(Enumerable.Repeat(s, (int)count));
        }, Int, Text);
        yield return F.Fixed("trimall", (_, a) => S(a, 1).Trim(S(a, 0).ToCharArray()), Text, Text);
        yield return F.Fixed("trimAll", (_, a) => S(a, 1).Trim(S(a, 0).ToCharArray()), Text, Text);
        yield return F.Fixed("trimSuffix", (_, a) => S(a, 1).EndsWith(S(a, 0), StringComparison.Ordinal) ? S(a, 1)[..^S(a, 0).Length] : S(a, 1), Text, Text);
        yield return F.Fixed("trimPrefix", (_, a) => S(a, 1).StartsWith(S(a, 0), StringComparison.Ordinal) ? S(a, 1)[S(a, 0).Length..] : S(a, 1), Text, Text);
        yield return F.Fixed("contains", (_, a) => S(a, 1).Contains(S(a, 0), StringComparison.Ordinal), Text, Text);
        yield return F.Fixed("hasPrefix", (_, a) => S(a, 1).StartsWith(S(a, 0), StringComparison.Ordinal), Text, Text);
        yield return F.Fixed("hasSuffix", (_, a) => S(a, 1).EndsWith(S(a, 0), StringComparison.Ordinal), Text, Text);
        yield return F.Variadic("quote", Any, (_, a) => string.Join(' ', a.Where(x => x is not null).Select(x => GoFormat.Quote(StrVal(x)))));
        yield return F.Variadic("squote", Any, (_, a) => string.Join(' ', a.Where(x => x is not null).Select(x => "'" + GoValues.Print(x) + "'")));
        yield return F.Variadic("cat", Any, (_, a) => string.Join(' ', a.Where(x => x is not null).Select(GoValues.Print)));
        yield return F.Fixed("indent", (c, a) => Indent(c, I(a, 0), S(a, 1)), Int, Text);
        yield return F.Fixed("nindent", (c, a) => "\n" + Indent(c, I(a, 0), S(a, 1)), Int, Text);
        yield return F.Fixed("replace", (_, a) => S(a, 0).Length == 0 ? ReplaceEmpty(S(a, 2), S(a, 1)) : S(a, 2).Replace(S(a, 0), S(a, 1), StringComparison.Ordinal), Text, Text, Text);
        yield return F.Fixed("plural", (_, a) => I(a, 2) == 1 ? S(a, 0) : S(a, 1), Text, Text, Int);
        yield return F.Fixed("toString", (_, a) => StrVal(a[0]), Any);
        yield return F.Fixed("split", (_, a) => Split(S(a, 1), S(a, 0), -1), Text, Text);
        yield return F.Fixed("splitList", (_, a) => GoSplit(S(a, 1), S(a, 0), -1).Cast<object?>().ToList(), Text, Text);
        yield return F.Fixed("splitn", (_, a) => Split(S(a, 2), S(a, 0), I(a, 1)), Text, Int, Text);
        yield return F.Fixed("toStrings", (_, a) => StrSlice(a[0]).Cast<object?>().ToList(), Any);
        yield return F.Fixed("join", (_, a) => string.Join(S(a, 0), StrSlice(a[1])), Text, Any);
        yield return F.Fixed("sortAlpha", (_, a) => SortAlpha(a[0]), Any);
    }

    private static readonly char[] GoSpace = [' ', '\t', '\n', '\v', '\f', '\r', '\u0085', '\u00A0'];

    /// <summary>sprig's <c>strval</c>: strings as-is, everything else as <c>%v</c>.</summary>
    internal static string StrVal(object? value) => value as string ?? GoValues.Print(value);

    private static string Trunc(long c, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (c < 0 && bytes.Length + c > 0)
        {
            return Encoding.UTF8.GetString(bytes, (int)(bytes.Length + c), (int)-c);
        }

        if (c >= 0 && bytes.Length > c)
        {
            return Encoding.UTF8.GetString(bytes, 0, (int)c);
        }

        return s;
    }

    private static string Substring(long start, long end, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        if (start < 0)
        {
            if (end < 0 || end > bytes.Length)
            {
                throw new FunctionException($"runtime error: slice bounds out of range [:{end}] with length {bytes.Length}");
            }

            return Encoding.UTF8.GetString(bytes, 0, (int)end);
        }

        if (end < 0 || end > bytes.Length)
        {
            if (start > bytes.Length)
            {
                throw new FunctionException($"runtime error: slice bounds out of range [{start}:{bytes.Length}]");
            }

            return Encoding.UTF8.GetString(bytes, (int)start, bytes.Length - (int)start);
        }

        if (start > end)
        {
            throw new FunctionException($"runtime error: slice bounds out of range [{start}:{end}]");
        }

        return Encoding.UTF8.GetString(bytes, (int)start, (int)(end - start));
    }

    private static string Title(string s)
    {
        // strings.Title: upper-case letters that follow a separator (anything not a letter, digit, underscore or mark).
        var builder = new StringBuilder(s.Length);
        var previous = ' ';
        foreach (var c in s)
        {
            var isSeparator = !(char.IsLetterOrDigit(previous) || previous == '_' || char.GetUnicodeCategory(previous) is UnicodeCategory.NonSpacingMark);
            builder.Append(isSeparator ? char.ToUpperInvariant(c) : c);
            previous = c;
        }

        return builder.ToString();
    }

    private static string Indent(IFunctionContext context, long spaces, string v)
    {
        if (spaces < 0)
        {
            throw new FunctionException("strings: negative Repeat count");
        }

        var lines = v.Count(ch => ch == '\n') + 1;
        if (spaces * lines > context.Limits.MaxOutputBytes)
        {
            throw new TemplateLimitException($"indent result exceeds {Executor.FormatBytes(context.Limits.MaxOutputBytes)}");
        }

        var pad = new string(' ', (int)spaces);
        return pad + v.Replace("\n", "\n" + pad, StringComparison.Ordinal);
    }

    private static string ReplaceEmpty(string s, string replacement)
    {
        // strings.Replace with an empty "old" inserts the replacement before every rune and at the end.
        var builder = new StringBuilder();
        foreach (var rune in s.EnumerateRunes())
        {
            builder.Append(replacement).Append(rune.ToString());
        }

        return builder.Append(replacement).ToString();
    }

    /// <summary>Go's <c>strings.SplitN</c> (n &lt; 0: all; an empty separator splits into runes).</summary>
    internal static List<string> GoSplit(string s, string sep, long n)
    {
        if (n == 0)
        {
            return [];
        }

        if (sep.Length == 0)
        {
            var runes = s.EnumerateRunes().Select(r => r.ToString()).ToList();
            if (n > 0 && runes.Count > n)
            {
                var head = runes.Take((int)n - 1).ToList();
                head.Add(string.Concat(runes.Skip((int)n - 1)));
                return head;
            }

            return runes;
        }

        var parts = n > 0 ? s.Split(sep, (int)Math.Min(n, int.MaxValue)) : s.Split(sep);
        return [.. parts];
    }

    private static Dictionary<string, object?> Split(string s, string sep, long n)
    {
        var map = GoValues.NewMap();
        var parts = GoSplit(s, sep, n);
        for (var i = 0; i < parts.Count; i++)
        {
            map["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        }

        return map;
    }

    internal static List<string> StrSlice(object? v) => v switch
    {
        List<object?> list => list.Where(x => x is not null).Select(StrVal).ToList(),
        null => [],
        _ => [StrVal(v)],
    };

    private static List<object?> SortAlpha(object? list)
    {
        if (list is List<object?>)
        {
            var items = StrSlice(list);
            items.Sort(StringComparer.Ordinal);
            return items.Cast<object?>().ToList();
        }

        return [StrVal(list)];
    }
}
