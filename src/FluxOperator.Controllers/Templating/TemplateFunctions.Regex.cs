using System.Text;
using System.Text.RegularExpressions;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private static IEnumerable<TemplateFunction> Regexes()
    {
        yield return F.Fixed("regexMatch", (c, a) => TryCompile(S(a, 0), out var r, out var error) && error is null && r!.IsMatch(S(a, 1)), Text, Text);
        yield return F.Fixed("mustRegexMatch", (_, a) => Compile(S(a, 0), must: true).IsMatch(S(a, 1)), Text, Text);
        foreach (var must in new[] { false, true })
        {
            string Name(string n) => must ? "must" + char.ToUpperInvariant(n[0]) + n[1..] : n;
            yield return F.Fixed(Name("regexFindAll"), (_, a) => FindAll(Compile(S(a, 0), must), S(a, 1), I(a, 2)).Select(m => (object?)m.Value).ToList(), Text, Text, Int);
            yield return F.Fixed(Name("regexFind"), (_, a) => Compile(S(a, 0), must).Match(S(a, 1)) is { Success: true } m ? m.Value : string.Empty, Text, Text);
            yield return F.Fixed(Name("regexReplaceAll"), (_, a) => ReplaceAll(Compile(S(a, 0), must), S(a, 1), m => Expand(m, S(a, 2))), Text, Text, Text);
            yield return F.Fixed(Name("regexReplaceAllLiteral"), (_, a) => ReplaceAll(Compile(S(a, 0), must), S(a, 1), _ => S(a, 2)), Text, Text, Text);
            yield return F.Fixed(Name("regexSplit"), (_, a) => RegexSplit(Compile(S(a, 0), must), S(a, 0), S(a, 1), I(a, 2)), Text, Text, Int);
        }

        yield return F.Fixed("regexQuoteMeta", (_, a) => QuoteMeta(S(a, 0)), Text);
    }

    private static bool TryCompile(string pattern, out Regex? regex, out string? error)
    {
        try
        {
            regex = new Regex(GoRegex.Translate(pattern), RegexOptions.CultureInvariant, RegexTimeout);
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

    private static Regex Compile(string pattern, bool must)
    {
        if (TryCompile(pattern, out var regex, out var error))
        {
            return regex!;
        }

        // regexp.MustCompile panics with the pattern quoted; the must… variants return the plain error.
        throw new FunctionException(must ? error! : $"regexp: Compile({GoFormat.Quote(pattern)}): {error}");
    }

    /// <summary>Go's FindAll: at most n matches (n &lt; 0: all) and no empty match right after a previous match.</summary>
    private static List<Match> FindAll(Regex regex, string s, long n)
    {
        var result = new List<Match>();
        if (n == 0)
        {
            return result;
        }

        var previousEnd = -1;
        foreach (Match m in regex.Matches(s))
        {
            if (m.Length == 0 && m.Index == previousEnd)
            {
                continue;
            }

            result.Add(m);
            previousEnd = m.Index + m.Length;
            if (n > 0 && result.Count >= n)
            {
                break;
            }
        }

        return result;
    }

    private static string ReplaceAll(Regex regex, string s, Func<Match, string> replacement)
    {
        var builder = new StringBuilder();
        var last = 0;
        foreach (var m in FindAll(regex, s, -1))
        {
            builder.Append(s, last, m.Index - last).Append(replacement(m));
            last = m.Index + m.Length;
        }

        return builder.Append(s, last, s.Length - last).ToString();
    }

    /// <summary>Go's <c>Regexp.Expand</c>: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>; the longest
    /// name wins (<c>$1x</c> is group "1x"), unknown groups expand to nothing.</summary>
    private static string Expand(Match match, string template)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                builder.Append(c);
                continue;
            }

            if (template[i + 1] == '$')
            {
                builder.Append('$');
                i++;
                continue;
            }

            string? name = null;
            var end = i;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close > i + 2 && template[(i + 2)..close].All(ch => ch == '_' || char.IsLetterOrDigit(ch)))
                {
                    name = template[(i + 2)..close];
                    end = close;
                }
            }
            else
            {
                var j = i + 1;
                while (j < template.Length && (template[j] == '_' || char.IsLetterOrDigit(template[j])))
                {
                    j++;
                }

                if (j > i + 1)
                {
                    name = template[(i + 1)..j];
                    end = j - 1;
                }
            }

            if (name is null)
            {
                builder.Append(c);
                continue;
            }

            i = end;
            var group = int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? (number < match.Groups.Count ? match.Groups[number] : null)
                : match.Groups[name];
            if (group is { Success: true })
            {
                builder.Append(group.Value);
            }
        }

        return builder.ToString();
    }

    private static List<object?> RegexSplit(Regex regex, string pattern, string s, long n)
    {
        var result = new List<object?>();
        if (n == 0)
        {
            return result;
        }

        if (pattern.Length > 0 && s.Length == 0)
        {
            return [string.Empty];
        }

        int begin = 0, end = 0;
        foreach (var m in FindAll(regex, s, n))
        {
            if (n > 0 && result.Count == n - 1)
            {
                break;
            }

            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                result.Add(s[begin..end]);
            }

            begin = m.Index + m.Length;
        }

        if (end != s.Length)
        {
            result.Add(s[begin..]);
        }

        return result;
    }

    private static string QuoteMeta(string s)
    {
        var builder = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
