using System.Globalization;
using System.Text;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;
using GoDuration = FluxOperator.Controllers.Rendering.GoDuration;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static IEnumerable<TemplateFunction> Defaults()
    {
        yield return F.Variadic("default", Any, (_, a) => a.Length < 2 || Empty(a[1]) ? a[0] : a[1], Any);
        yield return F.Fixed("empty", (_, a) => Empty(a[0]), Any);
        yield return F.Variadic("coalesce", Any, (_, a) => a.FirstOrDefault(x => !Empty(x)));
        yield return F.Variadic("all", Any, (_, a) => a.All(x => !Empty(x)));
        yield return F.Variadic("any", Any, (_, a) => a.Any(x => !Empty(x)));
        yield return F.Fixed("ternary", (_, a) => (bool)a[2]! ? a[0] : a[1], Any, Any, Bool);
        yield return F.Fixed("fail", (_, a) => throw new FunctionException(S(a, 0)), Text);
    }

    private static IEnumerable<TemplateFunction> PathsAndUrls()
    {
        foreach (var (plain, os) in new[] { ("base", "osBase"), ("dir", "osDir"), ("clean", "osClean"), ("ext", "osExt"), ("isAbs", "osIsAbs") })
        {
            TemplateFunc body = plain switch
            {
                "base" => (_, a) => GoPath.Base(S(a, 0)),
                "dir" => (_, a) => GoPath.Dir(S(a, 0)),
                "clean" => (_, a) => GoPath.Clean(S(a, 0)),
                "ext" => (_, a) => GoPath.Ext(S(a, 0)),
                _ => (_, a) => S(a, 0).StartsWith('/'),
            };
            yield return F.Fixed(plain, body, Text);
            yield return F.Fixed(os, body, Text);
        }

        yield return F.Fixed("urlParse", (_, a) => GoUrl.Parse(S(a, 0)), Text);
        yield return F.Fixed("urlJoin", (_, a) => GoUrl.Join(a[0] as Dictionary<string, object?> ?? GoValues.NewMap()), Map);
    }

    private static IEnumerable<TemplateFunction> Reflection()
    {
        yield return F.Fixed("typeOf", (_, a) => GoValues.TypeName(a[0]), Any);
        yield return F.Fixed("typeIs", (_, a) => S(a, 0) == GoValues.TypeName(a[1]), Text, Any);
        yield return F.Fixed("typeIsLike", (_, a) => S(a, 0) == GoValues.TypeName(a[1]) || "*" + S(a, 0) == GoValues.TypeName(a[1]), Text, Any);
        yield return F.Fixed("kindOf", (_, a) => GoValues.KindName(a[0]), Any);
        yield return F.Fixed("kindIs", (_, a) => S(a, 0) == GoValues.KindName(a[1]), Text, Any);
        yield return F.Fixed("deepEqual", (_, a) => GoValues.DeepEqual(a[0], a[1]), Any, Any);
    }

    private static IEnumerable<TemplateFunction> Dates()
    {
        yield return F.Fixed("ago", (c, a) =>
        {
            var t = a[0] switch
            {
                DateTimeOffset d => d,
                long l => DateTimeOffset.FromUnixTimeSeconds(l),
                GoInt g => DateTimeOffset.FromUnixTimeSeconds(g.Value),
                _ => c.Time.GetUtcNow(),
            };
            var elapsed = c.Time.GetUtcNow() - t;
            return GoDuration.Format((long)Math.Round(elapsed.TotalSeconds, MidpointRounding.AwayFromZero) * 1_000_000_000L);
        }, Any);
        yield return F.Fixed("duration", (_, a) =>
        {
            var n = a[0] switch
            {
                string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0,
                long l => l,
                _ => 0,
            };
            return GoDuration.Format(unchecked(n * 1_000_000_000L));
        }, Any);
        yield return F.Fixed("durationRound", (c, a) => DurationRound(a[0] switch
        {
            string s => GoTime.TryParseDuration(s, out var ns) ? ns : 0,
            long l => l,
            DateTimeOffset t => (c.Time.GetUtcNow() - t).Ticks * 100,
            _ => 0,
        }), Any);
        yield return F.Fixed("toDate", (_, a) => GoTime.TryParse(S(a, 0), S(a, 1), out var t) ? t : DateTimeOffset.MinValue, Text, Text);
        yield return F.Fixed("mustToDate", (_, a) => GoTime.TryParse(S(a, 0), S(a, 1), out var t)
            ? t
            : throw new FunctionException($"parsing time {GoFormat.Quote(S(a, 1))} as {GoFormat.Quote(S(a, 0))}: cannot parse"), Text, Text);
        yield return F.Fixed("unixEpoch", (_, a) => ((DateTimeOffset)a[0]!).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), Time);
        foreach (var name in new[] { "must_date_modify", "mustDateModify" })
        {
            yield return F.Fixed(name, (_, a) => GoTime.TryParseDuration(S(a, 0), out var ns)
                ? ((DateTimeOffset)a[1]!).AddTicks(ns / 100)
                : throw new FunctionException($"time: invalid duration {GoFormat.Quote(S(a, 0))}"), Text, Time);
        }
    }

    private static string DurationRound(long nanoseconds)
    {
        var u = (ulong)Math.Abs(nanoseconds);
        const ulong Second = 1_000_000_000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour, Month = 30 * Day, Year = 365 * Day;
        return u switch
        {
            > Year => $"{u / Year}y",
            > Month => $"{u / Month}mo",
            > Day => $"{u / Day}d",
            > Hour => $"{u / Hour}h",
            > Minute => $"{u / Minute}m",
            > Second => $"{u / Second}s",
            _ => "0s",
        };
    }
}

/// <summary>Go's <c>path</c> package (slash-separated paths).</summary>
internal static class GoPath
{
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }

                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    public static string Base(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        path = path.TrimEnd('/');
        if (path.Length == 0)
        {
            return "/";
        }

        var slash = path.LastIndexOf('/');
        return slash >= 0 ? path[(slash + 1)..] : path;
    }

    public static string Dir(string path)
    {
        var slash = path.LastIndexOf('/');
        return Clean(path[..(slash + 1)]);
    }

    public static string Ext(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
        {
            if (path[i] == '.')
            {
                return path[i..];
            }
        }

        return string.Empty;
    }
}

/// <summary>The parts of Go's <c>net/url</c> that <c>urlParse</c>/<c>urlJoin</c> expose.</summary>
internal static class GoUrl
{
    public static Dictionary<string, object?> Parse(string raw)
    {
        var rest = raw;
        var fragment = string.Empty;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = Uri.UnescapeDataString(rest[(hash + 1)..]);
            rest = rest[..hash];
        }

        var scheme = string.Empty;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && char.IsAsciiLetter(rest[0]) && rest[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }
        else if (colon == 0)
        {
            throw new FunctionException($"unable to parse url: parse {GoFormat.Quote(raw)}: missing protocol scheme");
        }

        var query = string.Empty;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        string opaque = string.Empty, host = string.Empty, userinfo = string.Empty, path = string.Empty;
        if (scheme.Length > 0 && !rest.StartsWith('/'))
        {
            opaque = rest;
        }
        else if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authorityEnd = rest.IndexOf('/', 2);
            var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
            path = authorityEnd < 0 ? string.Empty : rest[authorityEnd..];
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                userinfo = authority[..at];
                authority = authority[(at + 1)..];
            }

            host = authority;
        }
        else
        {
            path = rest;
        }

        var hostname = host.StartsWith('[') ? host[1..Math.Max(1, host.IndexOf(']', StringComparison.Ordinal))]
            : host.Contains(':', StringComparison.Ordinal) ? host[..host.LastIndexOf(':')] : host;
        var map = GoValues.NewMap();
        map["scheme"] = scheme;
        map["host"] = host;
        map["hostname"] = hostname;
        map["path"] = Uri.UnescapeDataString(path);
        map["query"] = query;
        map["opaque"] = opaque;
        map["fragment"] = fragment;
        map["userinfo"] = userinfo;
        return map;
    }

    public static string Join(Dictionary<string, object?> d)
    {
        string Get(string key) => d.TryGetValue(key, out var v) && v is not null ? TemplateFunctions.StrVal(v) : string.Empty;
        var builder = new StringBuilder();
        var scheme = Get("scheme");
        if (scheme.Length > 0)
        {
            builder.Append(scheme).Append(':');
        }

        var opaque = Get("opaque");
        if (opaque.Length > 0)
        {
            builder.Append(opaque);
        }
        else
        {
            var host = Get("host");
            var userinfo = Get("userinfo");
            if (scheme.Length > 0 || host.Length > 0 || userinfo.Length > 0)
            {
                if (host.Length > 0 || Get("path").StartsWith('/') || userinfo.Length > 0)
                {
                    builder.Append("//");
                }

                if (userinfo.Length > 0)
                {
                    builder.Append(userinfo).Append('@');
                }

                builder.Append(host);
            }

            var path = Get("path");
            if (path.Length > 0 && path[0] != '/' && host.Length > 0)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal));
        }

        var query = Get("query");
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        var fragment = Get("fragment");
        if (fragment.Length > 0)
        {
            builder.Append('#').Append(Uri.EscapeDataString(fragment));
        }

        return builder.ToString();
    }
}

/// <summary>Go's <c>time.ParseDuration</c> and a subset of <c>time.Parse</c> layouts.</summary>
internal static class GoTime
{
    public static bool TryParseDuration(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return true;
        }

        if (s.Length == 0)
        {
            return false;
        }

        decimal total = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (i == 0 || !decimal.TryParse(s[..i], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            s = s[i..];
            var j = 0;
            while (j < s.Length && !char.IsAsciiDigit(s[j]) && s[j] != '.')
            {
                j++;
            }

            decimal unit = s[..j] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1e3m,
                "ms" => 1e6m,
                "s" => 1e9m,
                "m" => 60e9m,
                "h" => 3600e9m,
                _ => -1,
            };
            if (unit < 0)
            {
                return false;
            }

            total += value * unit;
            if (total > long.MaxValue)
            {
                return false;
            }

            s = s[j..];
        }

        nanoseconds = (long)(negative ? -total : total);
        return true;
    }

    private static readonly (string Go, string Net)[] LayoutTokens =
    [
        ("January", "MMMM"), ("Jan", "MMM"), ("Monday", "dddd"), ("Mon", "ddd"), ("2006", "yyyy"), ("Z07:00", "zzz"),
        ("-07:00", "zzz"), ("-0700", "zzz"), ("MST", "'UTC'"), ("15", "HH"), ("01", "MM"), ("02", "dd"), ("03", "hh"),
        ("04", "mm"), ("05", "ss"), ("06", "yy"), ("PM", "tt"), (".000000000", ".fffffffff"), (".000000", ".ffffff"),
        (".000", ".fff"), ("_2", "%d"), ("1", "%M"), ("2", "%d"), ("3", "%h"), ("4", "%m"), ("5", "%s"),
    ];

    public static bool TryParse(string layout, string value, out DateTimeOffset result)
    {
        var net = new StringBuilder();
        for (var i = 0; i < layout.Length;)
        {
            var token = LayoutTokens.FirstOrDefault(t => layout.AsSpan(i).StartsWith(t.Go, StringComparison.Ordinal));
            if (token.Go is not null)
            {
                net.Append(token.Net.TrimStart('%'));
                i += token.Go.Length;
                continue;
            }

            var c = layout[i++];
            net.Append(char.IsAsciiLetter(c) || c is '\'' or '"' or '\\' or '%' ? "\\" + c : c.ToString());
        }

        var format = net.ToString();
        return DateTimeOffset.TryParseExact(value, format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
    }
}
