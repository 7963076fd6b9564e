using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FluxOperator.Controllers.Primitives;

/// <summary>A parsed Kubernetes label selector (<c>k=v, k!=v, k in (a,b), k notin (a), k, !k, k&gt;1</c>), as apimachinery parses it.</summary>
public sealed partial class LabelSelector
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
    /// <exception cref="ArgumentException">The selector is invalid; the message is apimachinery's.</exception>
    public static LabelSelector Parse(string selector)
    {
        var tokens = Tokenize(selector);
        var requirements = new List<Requirement>();
        var position = 0;
        while (position < tokens.Count)
        {
            if (IsSeparator(tokens[position]) && tokens[position] != "!")
            {
                throw new ArgumentException($"found '{tokens[position]}', expected: !, identifier, or 'end of string'");
            }

            try
            {
                requirements.Add(ParseRequirement(tokens, ref position));
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"unable to parse requirement: {e.Message}", e);
            }

            if (position < tokens.Count)
            {
                if (tokens[position] != ",")
                {
                    throw new ArgumentException($"found '{tokens[position]}', expected: ',' or 'end of string'");
                }

                position++;
                if (position == tokens.Count || (IsSeparator(tokens[position]) && tokens[position] != "!"))
                {
                    throw new ArgumentException($"found '{Token(tokens, position)}', expected: identifier after ','");
                }
            }
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Parses a selector; false with apimachinery's message when it is invalid.</summary>
    public static bool TryParse(string selector, [NotNullWhen(true)] out LabelSelector? parsed, [NotNullWhen(false)] out string? error)
    {
        try
        {
            parsed = Parse(selector);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            parsed = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>True when every requirement holds for <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    private static string Token(List<string> tokens, int position) => position < tokens.Count ? tokens[position] : string.Empty;

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
            var other => throw new FormatException($"found '{other}', expected: '=', '!=', '==', 'in', notin'"),
        };

        List<string> values;
        if (op is Operator.In or Operator.NotIn)
        {
            values = ParseSet(tokens, ref position);
        }
        else
        {
            var next = Token(tokens, position);
            if (next.Length > 0 && next != "," && IsSeparator(next))
            {
                throw new FormatException($"found '{next}', expected: identifier");
            }

            var value = next.Length > 0 && next != "," ? tokens[position++] : string.Empty;
            if (op is Operator.GreaterThan or Operator.LessThan && !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new FormatException("for 'Gt', 'Lt' operators, the value must be an integer");
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
        if (Token(tokens, position) != "(")
        {
            throw new FormatException($"found '{Token(tokens, position)}', expected: '('");
        }

        position++;
        var values = new List<string>();
        var expectValue = true;
        while (true)
        {
            var token = Token(tokens, position++);
            if (token == ")")
            {
                if (expectValue)
                {
                    values.Add(string.Empty); // "()" and "(a,)" carry an empty value
                }

                return values;
            }

            if (token == ",")
            {
                if (expectValue)
                {
                    values.Add(string.Empty);
                }

                expectValue = true;
                continue;
            }

            if (!expectValue || token.Length == 0 || IsSeparator(token))
            {
                throw new FormatException($"found '{token}', expected: ',' or ')'");
            }

            values.Add(token);
            expectValue = false;
        }
    }

    private static bool IsSeparator(string token) => token is "," or "(" or ")" or "!" or "=" or "==" or "!=" or ">" or "<";

    private static string ExpectIdentifier(List<string> tokens, ref int position)
    {
        var token = Token(tokens, position);
        if (token.Length == 0 || IsSeparator(token))
        {
            throw new FormatException($"found '{token}', expected: identifier");
        }

        position++;
        return token;
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
}
