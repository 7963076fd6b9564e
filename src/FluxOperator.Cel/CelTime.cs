using System.Globalization;

namespace FluxOperator.Cel;

/// <summary>Durations (Go syntax: <c>1h30m</c>, <c>1.5s</c>, <c>300ms</c>) and RFC 3339 timestamps, with their accessors.</summary>
internal static class CelTime
{
    private static readonly DateTimeOffset Min = new(1, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Max = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static long ParseDuration(string s)
    {
        var original = s;
        if (s.Length == 0)
        {
            throw Invalid(original);
        }

        var negative = s[0] == '-';
        if (s[0] is '-' or '+')
        {
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            throw Invalid(original);
        }

        decimal total = 0;
        var i = 0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            if (start == i || !decimal.TryParse(s.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw Invalid(original);
            }

            var unitStart = i;
            while (i < s.Length && !char.IsAsciiDigit(s[i]) && s[i] != '.')
            {
                i++;
            }

            decimal scale = s[unitStart..i] switch
            {
                "ns" => 1m,
                "us" or "µs" or "μs" => 1_000m,
                "ms" => 1_000_000m,
                "s" => 1_000_000_000m,
                "m" => 60_000_000_000m,
                "h" => 3_600_000_000_000m,
                "" => throw new CelEvaluationException($"time: missing unit in duration \"{original}\""),
                var unit => throw new CelEvaluationException($"time: unknown unit \"{unit}\" in duration \"{original}\""),
            };
            total += amount * scale;
        }

        // CEL limits durations to about ±10000 years (protobuf Duration range).
        if (total > 315_576_000_000_000_000_000m)
        {
            throw new CelEvaluationException($"time: invalid duration \"{original}\"");
        }

        var ns = (long)Math.Truncate(total);
        return negative ? -ns : ns;
    }

    private static CelEvaluationException Invalid(string s) => new($"time: invalid duration \"{s}\"");

    public static DateTimeOffset ParseTimestamp(string s)
    {
        if (!DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal, out var t) || !(s.EndsWith('Z') || s.Length > 6 && s[^6] is '+' or '-'))
        {
            // Nanosecond fractions have 9 digits; .NET keeps 7: drop the rest and retry.
            var dot = s.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0)
            {
                var end = dot + 1;
                while (end < s.Length && char.IsAsciiDigit(s[end]))
                {
                    end++;
                }

                if (end - dot - 1 > 7)
                {
                    return ParseTimestamp(s[..(dot + 8)] + s[end..]);
                }
            }

            throw new CelEvaluationException($"parsing time \"{s}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }

        return t;
    }

    public static CelTimestamp Shift(CelTimestamp t, long nanoseconds)
    {
        var shifted = t.Value.UtcTicks + (nanoseconds / 100);
        return shifted < Min.UtcTicks || shifted > Max.UtcTicks
            ? throw new CelEvaluationException("timestamp out of range")
            : new CelTimestamp(new DateTimeOffset(shifted, TimeSpan.Zero));
    }

    public static CelValue? TimestampMember(string function, CelTimestamp t, CelValue[] args)
    {
        var utc = t.Value.UtcDateTime;
        if (args is [CelString zone])
        {
            utc = InZone(t.Value, zone.Value);
        }
        else if (args.Length != 0)
        {
            return null;
        }

        return function switch
        {
            "getFullYear" => new CelInt(utc.Year),
            "getMonth" => new CelInt(utc.Month - 1),
            "getDate" => new CelInt(utc.Day),
            "getDayOfMonth" => new CelInt(utc.Day - 1),
            "getDayOfWeek" => new CelInt((int)utc.DayOfWeek),
            "getDayOfYear" => new CelInt(utc.DayOfYear - 1),
            "getHours" => new CelInt(utc.Hour),
            "getMinutes" => new CelInt(utc.Minute),
            "getSeconds" => new CelInt(utc.Second),
            "getMilliseconds" => new CelInt(utc.Millisecond),
            _ => null,
        };
    }

    private static DateTime InZone(DateTimeOffset t, string zone)
    {
        if (zone is "UTC" or "Z" or "")
        {
            return t.UtcDateTime;
        }

        if (zone.Length >= 5 && zone[0] is '+' or '-' && TimeSpan.TryParseExact(zone[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var offset))
        {
            return t.ToOffset(zone[0] == '-' ? -offset : offset).DateTime;
        }

        try
        {
            return TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new CelEvaluationException($"unknown time zone {zone}");
        }
    }

    public static CelValue? DurationMember(string function, CelDuration d, CelValue[] args) => args.Length != 0 ? null : function switch
    {
        "getHours" => new CelInt(d.Nanoseconds / 3_600_000_000_000),
        "getMinutes" => new CelInt(d.Nanoseconds / 60_000_000_000),
        "getSeconds" => new CelInt(d.Nanoseconds / 1_000_000_000),
        "getMilliseconds" => new CelInt(d.Nanoseconds / 1_000_000 % 1000),
        _ => null,
    };
}
