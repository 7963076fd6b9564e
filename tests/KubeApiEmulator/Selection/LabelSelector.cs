namespace KubeApiEmulator.Selection;

/// <summary>A parsed label selector: equality (<c>=</c>, <c>==</c>, <c>!=</c>) and set-based (<c>in</c>, <c>notin</c>, exists, <c>!</c>) requirements, ANDed.</summary>
public sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new();

    /// <summary>Parses the query-string form; throws <see cref="FormatException"/> on bad syntax.</summary>
    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var term in SplitTerms(text))
        {
            selector._requirements.Add(ParseTerm(term.Trim()));
        }

        return selector;
    }

    /// <summary>True when every requirement holds for the labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    // Commas separate terms except inside the parentheses of a set.
    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        if (term.Length == 0)
        {
            throw new FormatException("empty label selector term");
        }

        if (term.StartsWith('!'))
        {
            var key = Key(term[1..]);
            return labels => !labels.ContainsKey(key);
        }

        var set = System.Text.RegularExpressions.Regex.Match(term, @"^(\S+)\s+(in|notin)\s*\((.*)\)$");
        if (set.Success)
        {
            var key = Key(set.Groups[1].Value);
            var values = set.Groups[3].Value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
            return set.Groups[2].Value == "in"
                ? labels => labels.TryGetValue(key, out var v) && values.Contains(v)
                : labels => !labels.TryGetValue(key, out var v) || !values.Contains(v);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = term.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = Key(term[..at]);
                var value = term[(at + op.Length)..].Trim();
                return op == "!="
                    ? labels => !labels.TryGetValue(key, out var v) || v != value
                    : labels => labels.TryGetValue(key, out var v) && v == value;
            }
        }

        var exists = Key(term);
        return labels => labels.ContainsKey(exists);
    }

    private static string Key(string text)
    {
        var key = text.Trim();
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or '=' or '!' or ','))
        {
            throw new FormatException($"invalid label key \"{key}\"");
        }

        return key;
    }
}
