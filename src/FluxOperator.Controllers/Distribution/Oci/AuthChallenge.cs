using System.Text;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>One parsed <c>WWW-Authenticate</c> challenge, e.g. <c>Bearer realm="…",service="…",scope="…"</c>.</summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>A parameter value, or null (names are case-insensitive).</summary>
    public string? this[string name] => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>True for the Bearer scheme.</summary>
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for the Basic scheme.</summary>
    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses a header value that may hold several challenges (RFC 7235): schemes are bare tokens, parameters are
    /// <c>name=token</c> or <c>name="quoted \"string\""</c>, separated by commas.
    /// </summary>
    public static IReadOnlyList<AuthChallenge> Parse(string header)
    {
        var result = new List<AuthChallenge>();
        var i = 0;
        string? scheme = null;
        Dictionary<string, string>? parameters = null;
        while (i < header.Length)
        {
            SkipSeparators(header, ref i);
            var token = ReadToken(header, ref i);
            if (token.Length == 0)
            {
                i++; // stray character: skip rather than loop forever
                continue;
            }

            SkipSpaces(header, ref i);
            if (i < header.Length && header[i] == '=' && scheme is not null && !IsToken68End(header, i))
            {
                i++;
                SkipSpaces(header, ref i);
                parameters![token] = i < header.Length && header[i] == '"' ? ReadQuoted(header, ref i) : ReadToken(header, ref i);
                continue;
            }

            if (scheme is not null)
            {
                result.Add(new AuthChallenge(scheme, parameters!));
            }

            scheme = token;
            parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        if (scheme is not null)
        {
            result.Add(new AuthChallenge(scheme, parameters!));
        }

        return result;
    }

    // "name=" followed by end/comma is a token68 tail (e.g. base64 padding), not a parameter.
    private static bool IsToken68End(string s, int equals)
    {
        var j = equals;
        while (j < s.Length && s[j] == '=')
        {
            j++;
        }

        return j - equals > 1;
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static void SkipSeparators(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or ',')
        {
            i++;
        }
    }

    private static string ReadToken(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && s[i] is not (' ' or '\t' or ',' or '=' or '"'))
        {
            i++;
        }

        return s[start..i];
    }

    private static string ReadQuoted(string s, ref int i)
    {
        var builder = new StringBuilder();
        i++; // opening quote
        while (i < s.Length && s[i] != '"')
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
            }

            builder.Append(s[i]);
            i++;
        }

        i++; // closing quote (or end)
        return builder.ToString();
    }
}
