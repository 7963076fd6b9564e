using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FluxOperator.Cel;

/// <summary>String member functions (CEL standard plus cel-go's strings extension); indices count code points.</summary>
internal static class CelStrings
{
    public static int[] Runes(string s)
    {
        var runes = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            runes.Add(r.Value);
        }

        return [.. runes];
    }

    private static string FromRunes(int[] runes, int start, int count)
    {
        var b = new StringBuilder(count);
        for (var i = start; i < start + count; i++)
        {
            b.Append(char.ConvertFromUtf32(runes[i]));
        }

        return b.ToString();
    }

    /// <summary>Orders strings by code point, as Go compares UTF-8 bytes.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var x = a.EnumerateRunes().GetEnumerator();
        var y = b.EnumerateRunes().GetEnumerator();
        while (true)
        {
            var hasX = x.MoveNext();
            var hasY = y.MoveNext();
            if (!hasX || !hasY)
            {
                return hasX ? 1 : hasY ? -1 : 0;
            }

            var c = x.Current.Value.CompareTo(y.Current.Value);
            if (c != 0)
            {
                return c;
            }
        }
    }

    private static int RuneIndex(string s, int charIndex) => charIndex < 0 ? -1 : Runes(s[..charIndex]).Length;

    public static CelValue? Invoke(string function, CelString target, CelValue[] args)
    {
        var s = target.Value;
        switch (function, args)
        {
            case ("size", []): return new CelInt(Runes(s).Length);
            case ("contains", [CelString x]): return CelBool.Of(s.Contains(x.Value, StringComparison.Ordinal));
            case ("startsWith", [CelString x]): return CelBool.Of(s.StartsWith(x.Value, StringComparison.Ordinal));
            case ("endsWith", [CelString x]): return CelBool.Of(s.EndsWith(x.Value, StringComparison.Ordinal));
            case ("matches", [CelString x]): return CelBool.Of(CelRegex.Get(x.Value).IsMatch(s));
            case ("lowerAscii", []): return new CelString(string.Create(s.Length, s, (span, v) => { for (var i = 0; i < v.Length; i++) { span[i] = char.IsAsciiLetterUpper(v[i]) ? (char)(v[i] + 32) : v[i]; } }));
            case ("upperAscii", []): return new CelString(string.Create(s.Length, s, (span, v) => { for (var i = 0; i < v.Length; i++) { span[i] = char.IsAsciiLetterLower(v[i]) ? (char)(v[i] - 32) : v[i]; } }));
            case ("trim", []): return new CelString(s.Trim());
            case ("reverse", []):
                var rev = Runes(s);
                Array.Reverse(rev);
                return new CelString(FromRunes(rev, 0, rev.Length));
            case ("charAt", [CelInt i]):
                var chars = Runes(s);
                return i.Value < 0 || i.Value > chars.Length
                    ? throw new CelEvaluationException($"index out of range: {i.Value}")
                    : new CelString(i.Value == chars.Length ? "" : FromRunes(chars, (int)i.Value, 1));
            case ("indexOf", [CelString x]): return new CelInt(RuneIndex(s, s.IndexOf(x.Value, StringComparison.Ordinal)));
            case ("indexOf", [CelString x, CelInt offset]):
                var runes = Runes(s);
                if (offset.Value < 0 || offset.Value > runes.Length)
                {
                    throw new CelEvaluationException($"index out of range: {offset.Value}");
                }

                var tail = FromRunes(runes, (int)offset.Value, runes.Length - (int)offset.Value);
                var at = tail.IndexOf(x.Value, StringComparison.Ordinal);
                return new CelInt(at < 0 ? -1 : offset.Value + RuneIndex(tail, at));
            case ("lastIndexOf", [CelString x]): return new CelInt(RuneIndex(s, s.LastIndexOf(x.Value, StringComparison.Ordinal)));
            case ("lastIndexOf", [CelString x, CelInt offset]):
                var all = Runes(s);
                if (offset.Value < 0 || offset.Value >= all.Length)
                {
                    throw new CelEvaluationException($"index out of range: {offset.Value}");
                }

                var head = FromRunes(all, 0, Math.Min(all.Length, (int)offset.Value + Runes(x.Value).Length));
                return new CelInt(RuneIndex(head, head.LastIndexOf(x.Value, StringComparison.Ordinal)));
            case ("substring", [CelInt start]): return Substring(s, start.Value, null);
            case ("substring", [CelInt start, CelInt end]): return Substring(s, start.Value, end.Value);
            case ("replace", [CelString from, CelString to]): return new CelString(Replace(s, from.Value, to.Value, -1));
            case ("replace", [CelString from, CelString to, CelInt n]): return new CelString(Replace(s, from.Value, to.Value, n.Value));
            case ("split", [CelString sep]): return Split(s, sep.Value, -1);
            case ("split", [CelString sep, CelInt n]): return Split(s, sep.Value, n.Value);
            case ("format", [CelList values]): return new CelString(CelStringFormat.Format(s, values));
            case ("find", [CelString re]):
                var m = CelRegex.Get(re.Value).Match(s);
                return new CelString(m.Success ? m.Value : "");
            case ("findAll", [CelString re]): return FindAll(s, re.Value, -1);
            case ("findAll", [CelString re, CelInt n]): return FindAll(s, re.Value, n.Value);
            default: return null;
        }
    }

    private static CelString Substring(string s, long start, long? end)
    {
        var runes = Runes(s);
        var stop = end ?? runes.Length;
        if (start < 0 || start > runes.Length)
        {
            throw new CelEvaluationException($"index out of range: {start}");
        }

        if (stop < 0 || stop > runes.Length)
        {
            throw new CelEvaluationException($"index out of range: {stop}");
        }

        if (start > stop)
        {
            throw new CelEvaluationException($"invalid substring range. start: {start}, end: {stop}");
        }

        return new CelString(FromRunes(runes, (int)start, (int)(stop - start)));
    }

    // Go's strings.Replace: n < 0 replaces all; an empty old string matches between every code point.
    private static string Replace(string s, string from, string to, long n)
    {
        if (n == 0 || from == to)
        {
            return s;
        }

        var b = new StringBuilder();
        var count = 0L;
        if (from.Length == 0)
        {
            var runes = Runes(s);
            for (var i = 0; i <= runes.Length; i++)
            {
                if (n < 0 || count < n)
                {
                    b.Append(to);
                    count++;
                }

                if (i < runes.Length)
                {
                    b.Append(char.ConvertFromUtf32(runes[i]));
                }
            }

            return b.ToString();
        }

        var pos = 0;
        while (n < 0 || count < n)
        {
            var at = s.IndexOf(from, pos, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            b.Append(s, pos, at - pos).Append(to);
            pos = at + from.Length;
            count++;
        }

        return b.Append(s, pos, s.Length - pos).ToString();
    }

    // Go's strings.SplitN (n < 0: all, 0: empty list); an empty separator splits into code points.
    private static CelArrayList Split(string s, string sep, long n)
    {
        if (n == 0)
        {
            return CelArrayList.Empty;
        }

        var parts = new List<CelValue>();
        if (sep.Length == 0)
        {
            var runes = Runes(s);
            for (var i = 0; i < runes.Length; i++)
            {
                if (n > 0 && parts.Count == n - 1)
                {
                    parts.Add(new CelString(FromRunes(runes, i, runes.Length - i)));
                    return new CelArrayList(parts);
                }

                parts.Add(new CelString(char.ConvertFromUtf32(runes[i])));
            }

            return new CelArrayList(parts);
        }

        var pos = 0;
        while (n < 0 || parts.Count < n - 1)
        {
            var at = s.IndexOf(sep, pos, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }

            parts.Add(new CelString(s[pos..at]));
            pos = at + sep.Length;
        }

        parts.Add(new CelString(s[pos..]));
        return new CelArrayList(parts);
    }

    private static CelArrayList FindAll(string s, string re, long n)
    {
        var found = new List<CelValue>();
        foreach (Match m in CelRegex.Get(re).Matches(s))
        {
            if (n >= 0 && found.Count >= n)
            {
                break;
            }

            found.Add(new CelString(m.Value));
        }

        return new CelArrayList(found);
    }
}

/// <summary>
/// Regular expressions for <c>matches</c>, <c>find</c> and <c>findAll</c>: RE2 syntax on .NET's non-backtracking engine,
/// which, like RE2, runs in linear time and has no look-around or back-references. Patterns are compiled once.
/// </summary>
internal static class CelRegex
{
    private const int MaxPatternLength = 4096;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static Regex Get(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached))
        {
            return cached;
        }

        if (pattern.Length > MaxPatternLength)
        {
            throw new CelEvaluationException($"regular expression longer than {MaxPatternLength} characters");
        }

        try
        {
            // RE2's named groups (?P<name>…) are .NET's (?<name>…).
            var translated = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
            var regex = new Regex(translated, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromSeconds(1));
            if (Cache.Count < 1000)
            {
                Cache[pattern] = regex;
            }

            return regex;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new CelEvaluationException($"error parsing regexp: {e.Message}");
        }
    }
}

/// <summary>cel-go's <c>string.format(list)</c>: %s, %d, %f, %e, %x, %X, %o, %b and %%, with an optional precision.</summary>
internal static class CelStringFormat
{
    public static string Format(string format, CelList args)
    {
        var b = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                b.Append(c);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new CelEvaluationException("unexpected end of format string");
            }

            if (format[i] == '%')
            {
                b.Append('%');
                continue;
            }

            int? precision = null;
            if (format[i] == '.')
            {
                var start = ++i;
                while (i < format.Length && char.IsAsciiDigit(format[i]))
                {
                    i++;
                }

                precision = int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture);
                if (i >= format.Length)
                {
                    throw new CelEvaluationException("unexpected end of format string");
                }
            }

            if (next >= args.Count)
            {
                throw new CelEvaluationException($"index {next} out of range");
            }

            var arg = args[next++];
            b.Append(format[i] switch
            {
                's' => AsString(arg),
                'd' => arg switch
                {
                    CelInt => arg.ToString(),
                    CelUInt u => u.Value.ToString(CultureInfo.InvariantCulture),
                    CelDouble d when double.IsNaN(d.Value) || double.IsInfinity(d.Value) => CelFormat.Double(d.Value),
                    _ => throw new CelEvaluationException($"error during formatting: decimal clause can only be used on integers, was given {arg.Type.Name}"),
                },
                'f' => Fixed(arg, precision ?? 6),
                'e' => Number(arg).ToString("0." + new string('0', precision ?? 6) + "e+00", CultureInfo.InvariantCulture),
                'x' => Hex(arg, upper: false),
                'X' => Hex(arg, upper: true),
                'o' => arg is CelInt oi ? Convert.ToString(oi.Value, 8) : arg is CelUInt ou ? Convert.ToString((long)ou.Value, 8) : throw Bad('o', arg),
                'b' => arg switch
                {
                    CelInt bi => Convert.ToString(bi.Value, 2),
                    CelUInt bu => Convert.ToString((long)bu.Value, 2),
                    CelBool bb => bb.Value ? "true" : "false",
                    _ => throw Bad('b', arg),
                },
                var verb => throw new CelEvaluationException($"could not parse formatting clause: unrecognized formatting clause \"{verb}\""),
            });
        }

        return b.ToString();
    }

    private static CelEvaluationException Bad(char verb, CelValue arg) =>
        new($"error during formatting: only integers can be formatted with %{verb}, was given {arg.Type.Name}");

    private static string AsString(CelValue v) => v switch
    {
        CelString s => s.Value,
        CelUInt u => u.Value.ToString(CultureInfo.InvariantCulture),
        CelList l => "[" + string.Join(", ", l.Items.Select(Quoted)) + "]",
        CelMap m => "{" + string.Join(", ", m.Keys.OrderBy(k => k.ToString(), StringComparer.Ordinal)
            .Select(k => m.TryGet(k, out var x) ? Quoted(k) + ": " + Quoted(x) : "")) + "}",
        _ => v.ToString(),
    };

    private static string Quoted(CelValue v) => v is CelString s ? CelFormat.QuoteString(s.Value) : AsString(v);

    private static double Number(CelValue v) => v switch
    {
        CelDouble d => d.Value,
        CelInt i => i.Value,
        CelUInt u => u.Value,
        _ => throw new CelEvaluationException($"error during formatting: fixed-point clause can only be used on doubles, was given {v.Type.Name}"),
    };

    private static string Fixed(CelValue v, int precision)
    {
        var d = Number(v);
        return double.IsNaN(d) || double.IsInfinity(d) ? CelFormat.Double(d) : d.ToString("F" + precision, CultureInfo.InvariantCulture);
    }

    private static string Hex(CelValue v, bool upper)
    {
        var s = v switch
        {
            CelInt i => i.Value < 0
                ? "-" + ((ulong)(-(i.Value + 1)) + 1).ToString("x", CultureInfo.InvariantCulture)
                : i.Value.ToString("x", CultureInfo.InvariantCulture),
            CelUInt u => u.Value.ToString("x", CultureInfo.InvariantCulture),
            CelString str => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(str.Value)),
            CelBytes bytes => Convert.ToHexStringLower(bytes.Value),
            _ => throw new CelEvaluationException($"error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given {v.Type.Name}"),
        };
        return upper ? s.ToUpperInvariant() : s;
    }
}
