using System.Globalization;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>A parsed Kubernetes label selector (<c>k=v, k!=v, k in (a,b), k notin (a), k, !k, k&gt;1</c>), as apimachinery parses it.</summary>
internal sealed partial class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    private enum Operator
    {
        Exists,
        DoesNotExist,
        Equals,
        NotEquals,
        In,
        NotIn,
        GreaterThan,
        LessThan,
    }

    /// <summary>Parses a selector; an empty string selects everything.</summary>
    /// <exception cref="ArgumentException">The selector is invalid; the message follows apimachinery's.</exception>
    public static LabelSelector Parse(string selector)
    {
        var tokens = Tokenize(selector);
        var requirements = new List<Requirement>();
        var position = 0;
        while (position < tokens.Count)
        {
            requirements.Add(ParseRequirement(tokens, ref position));
            if (position < tokens.Count)
            {
                if (tokens[position] != ",")
                {
                    throw new ArgumentException($"found '{tokens[position]}', expected: ',' or 'end of string'");
                }

                position++;
                if (position == tokens.Count)
                {
                    throw new ArgumentException("found 'end of string', expected: identifier or '!'");
                }
            }
        }

        return new LabelSelector(requirements);
    }

    /// <summary>True when every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private static Requirement ParseRequirement(List<string> tokens, ref int position)
    {
        if (tokens[position] == "!")
        {
            position++;
            var negated = ExpectIdentifier(tokens, ref position);
            return new Requirement(ValidKey(negated), Operator.DoesNotExist, []);
        }

        var key = ValidKey(ExpectIdentifier(tokens, ref position));
        if (position == tokens.Count || tokens[position] == ",")
        {
            return new Requirement(key, Operator.Exists, []);
        }

        var op = tokens[position++] switch
        {
            "=" or "==" => Operator.Equals,
            "!=" => Operator.NotEquals,
            "in" => Operator.In,
            "notin" => Operator.NotIn,
            ">" => Operator.GreaterThan,
            "<" => Operator.LessThan,
            var other => throw new ArgumentException($"found '{other}', expected: in, notin, =, ==, !=, gt, lt"),
        };

        List<string> values;
        if (op is Operator.In or Operator.NotIn)
        {
            values = ParseSet(tokens, ref position);
            if (values.Count == 0)
            {
                throw new ArgumentException($"for 'in', 'notin' operators, values set can't be empty");
            }
        }
        else
        {
            var value = position < tokens.Count && !IsSeparator(tokens[position]) ? tokens[position++] : string.Empty;
            if (op is Operator.GreaterThan or Operator.LessThan && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new ArgumentException($"for 'Gt', 'Lt' operators, the value must be an integer");
            }

            values = [value];
        }

        foreach (var value in values)
        {
            ValidValue(key, value);
        }

        return new Requirement(key, op, values);
    }

    private static List<string> ParseSet(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count || tokens[position] != "(")
        {
            throw new ArgumentException($"found '{(position < tokens.Count ? tokens[position] : "end of string")}', expected: '('");
        }

        position++;
        var values = new List<string>();
        var expectValue = true;
        while (position < tokens.Count && tokens[position] != ")")
        {
            var token = tokens[position++];
            if (token == ",")
            {
                if (expectValue)
                {
                    values.Add(string.Empty);
                }

                expectValue = true;
                continue;
            }

            if (!expectValue || IsSeparator(token))
            {
                throw new ArgumentException($"found '{token}', expected: ',', or ')'");
            }

            values.Add(token);
            expectValue = false;
        }

        if (position >= tokens.Count)
        {
            throw new ArgumentException("found 'end of string', expected: ')'");
        }

        if (expectValue && values.Count > 0)
        {
            values.Add(string.Empty);
        }

        position++;
        return values;
    }

    private static bool IsSeparator(string token) => token is "," or "(" or ")" or "!" or "=" or "==" or "!=" or ">" or "<";

    private static string ExpectIdentifier(List<string> tokens, ref int position)
    {
        if (position >= tokens.Count || IsSeparator(tokens[position]))
        {
            throw new ArgumentException($"found '{(position < tokens.Count ? tokens[position] : "end of string")}', expected: identifier");
        }

        return tokens[position++];
    }

    private static List<string> Tokenize(string selector)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < selector.Length)
        {
            var c = selector[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (c is ',' or '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
                continue;
            }

            if (c is '=' or '!' or '>' or '<')
            {
                var two = i + 1 < selector.Length && selector[i + 1] == '=' && c is '=' or '!';
                tokens.Add(two ? selector.Substring(i, 2) : c.ToString());
                i += two ? 2 : 1;
                continue;
            }

            var start = i;
            while (i < selector.Length && !char.IsWhiteSpace(selector[i]) && selector[i] is not (',' or '(' or ')' or '=' or '!' or '>' or '<'))
            {
                i++;
            }

            tokens.Add(selector[start..i]);
        }

        return tokens;
    }

    private static string ValidKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? key : key[(slash + 1)..];
        var prefix = slash < 0 ? null : key[..slash];
        var valid = name.Length is > 0 and <= 63 && NamePattern().IsMatch(name)
            && (prefix is null || (prefix.Length is > 0 and <= 253 && SubdomainPattern().IsMatch(prefix)));
        return valid ? key : throw new ArgumentException($"unable to parse requirement: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }

    private static void ValidValue(string key, string value)
    {
        if (value.Length > 63 || (value.Length > 0 && !NamePattern().IsMatch(value)))
        {
            throw new ArgumentException($"unable to parse requirement: values[0][{key}]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();

    private sealed record Requirement(string Key, Operator Op, List<string> Values)
    {
        public bool Matches(IReadOnlyDictionary<string, string> labels)
        {
            var present = labels.TryGetValue(Key, out var value);
            return Op switch
            {
                Operator.Exists => present,
                Operator.DoesNotExist => !present,
                Operator.Equals or Operator.In => present && Values.Contains(value!),
                Operator.NotEquals or Operator.NotIn => !present || !Values.Contains(value!),
                Operator.GreaterThan => present && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g) && g > long.Parse(Values[0], CultureInfo.InvariantCulture),
                Operator.LessThan => present && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) && l < long.Parse(Values[0], CultureInfo.InvariantCulture),
                _ => false,
            };
        }
    }
}
