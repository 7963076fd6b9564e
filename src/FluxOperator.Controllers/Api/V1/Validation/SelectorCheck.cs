using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Checks the regexes and selector strings of a patch target, which fail the build when invalid.</summary>
internal static partial class SelectorCheck
{
    /// <summary>The parse error of an anchored target regex, or null.</summary>
    public static string? RegexError(string pattern)
    {
        try
        {
            _ = new Regex($"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <summary>The problem with a label/annotation selector string, or null when it parses.</summary>
    public static string? SelectorError(string selector)
    {
        foreach (var requirement in SplitRequirements(selector))
        {
            var text = requirement.Trim();
            if (text.Length == 0)
            {
                return "empty requirement (remove the extra comma)";
            }

            if (SetRequirement().Match(text) is { Success: true } set)
            {
                var key = set.Groups["key"].Value;
                if (!KubernetesNames.IsQualifiedName(key))
                {
                    return $"'{key}' is not a valid key";
                }

                var values = set.Groups["values"].Value.Split(',').Select(v => v.Trim()).ToArray();
                if (values.FirstOrDefault(v => !KubernetesNames.IsLabelValue(v)) is { } bad)
                {
                    return $"'{bad}' is not a valid value";
                }

                continue;
            }

            if (EqualityRequirement().Match(text) is { Success: true } equality)
            {
                var key = equality.Groups["key"].Value.Trim();
                var value = equality.Groups["value"].Value.Trim();
                if (!KubernetesNames.IsQualifiedName(key))
                {
                    return $"'{key}' is not a valid key";
                }

                if (!KubernetesNames.IsLabelValue(value))
                {
                    return $"'{value}' is not a valid value";
                }

                continue;
            }

            var existence = text.StartsWith('!') ? text[1..].Trim() : text;
            if (!KubernetesNames.IsQualifiedName(existence))
            {
                return $"'{text}' is not a requirement (use k=v, k!=v, k in (a,b), k notin (a,b), k or !k)";
            }
        }

        return null;
    }

    private static IEnumerable<string> SplitRequirements(string selector)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            switch (selector[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return selector[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return selector[start..];
    }

    [GeneratedRegex(@"^(?<key>[^\s!=(),]+)\s+(in|notin)\s*\((?<values>[^()]*)\)$")]
    private static partial Regex SetRequirement();

    [GeneratedRegex(@"^(?<key>[^!=]+)(==|!=|=)(?<value>[^=]*)$")]
    private static partial Regex EqualityRequirement();
}
