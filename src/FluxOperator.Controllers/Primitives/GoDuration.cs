using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Primitives;

/// <summary>Parses duration strings as the API admits them and prints them in Go's <c>time.Duration</c> form.</summary>
/// <remarks>The sync source interval is rendered in Go form (<c>1m</c> → <c>1m0s</c>) because that is what the Go
/// operator writes; a different spelling would change the revision and every applied object's diff.</remarks>
public static partial class GoDuration
{
    private const long Nanosecond = 1;
    private const long Microsecond = 1000 * Nanosecond;
    private const long Millisecond = 1000 * Microsecond;
    private const long Second = 1000 * Millisecond;
    private const long Minute = 60 * Second;
    private const long Hour = 60 * Minute;

    /// <summary>Parses <c>^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$</c> (the CRD pattern) into nanoseconds.</summary>
    public static bool TryParse(string text, out long nanoseconds)
    {
        nanoseconds = 0;
        if (!DurationPattern().IsMatch(text))
        {
            return false;
        }

        decimal total = 0;
        foreach (Match part in PartPattern().Matches(text))
        {
            var value = decimal.Parse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            var unit = part.Groups[2].Value switch
            {
                "ms" => Millisecond,
                "s" => Second,
                "m" => Minute,
                _ => Hour,
            };
            total += value * unit;
            if (total > long.MaxValue)
            {
                return false;
            }
        }

        nanoseconds = (long)decimal.Truncate(total);
        return true;
    }

    /// <summary>Normalises a duration string to Go form (<c>90s</c> → <c>1m30s</c>); null when it does not parse.</summary>
    public static string? Normalize(string text) => TryParse(text, out var ns) ? Format(ns) : null;

    /// <summary>Go's <c>Duration.String()</c>: <c>0s</c>, <c>500ms</c>, <c>1.5µs</c>, <c>1h0m0s</c>, <c>2m3.5s</c>.</summary>
    public static string Format(long nanoseconds)
    {
        if (nanoseconds == 0)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (nanoseconds < 0)
        {
            builder.Append('-');
            nanoseconds = -nanoseconds;
        }

        if (nanoseconds < Second)
        {
            var (unit, suffix) = nanoseconds switch
            {
                < Microsecond => (Nanosecond, "ns"),
                < Millisecond => (Microsecond, "µs"),
                _ => (Millisecond, "ms"),
            };
            return builder.Append(WithFraction(nanoseconds, unit)).Append(suffix).ToString();
        }

        var hours = nanoseconds / Hour;
        var minutes = nanoseconds % Hour / Minute;
        var rest = nanoseconds % Minute;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        return builder.Append(WithFraction(rest, Second)).Append('s').ToString();
    }

    private static string WithFraction(long value, long unit)
    {
        var whole = (value / unit).ToString(CultureInfo.InvariantCulture);
        var fraction = value % unit;
        if (fraction == 0)
        {
            return whole;
        }

        var digits = unit.ToString(CultureInfo.InvariantCulture).Length - 1;
        return whole + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)")]
    private static partial Regex PartPattern();
}
