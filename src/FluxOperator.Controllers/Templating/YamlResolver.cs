using System.Globalization;
using System.Text.RegularExpressions;

namespace FluxOperator.Controllers.Templating;

/// <summary>go-yaml v2's YAML 1.1 resolution of plain scalars: booleans (<c>yes</c>, <c>on</c>, …), nulls, integers
/// in every base with <c>_</c> separators, floats, <c>.inf</c>/<c>.nan</c>, timestamps and the merge key.</summary>
internal static partial class YamlResolver
{
    /// <summary>The merge key marker.</summary>
    public static readonly object MergeKey = new();

    public static bool ResolvesToNonString(string plain) => Resolve(plain) is not string;

    /// <summary>The value a plain scalar reads as: null, bool, long, double, <see cref="DateTimeOffset"/>,
    /// <see cref="MergeKey"/> or the string itself.</summary>
    public static object? Resolve(string plain)
    {
        switch (plain)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "true" or "True" or "TRUE":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "false" or "False" or "FALSE":
                return false;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case "<<":
                return MergeKey;
        }

        var first = plain[0];
        if (!(char.IsAsciiDigit(first) || first is '+' or '-' or '.'))
        {
            return plain;
        }

        if (char.IsAsciiDigit(first) && TryTimestamp(plain, out var timestamp))
        {
            return timestamp;
        }

        var cleaned = plain.Replace("_", string.Empty, StringComparison.Ordinal);
        if (GoNumbers.TryParseInt(cleaned, out var integer))
        {
            return integer;
        }

        if (GoNumbers.TryParseUInt(cleaned.TrimStart('+'), out var unsigned) && !cleaned.StartsWith('-'))
        {
            return (double)unsigned;
        }

        if (YamlFloat().IsMatch(cleaned) && double.TryParse(cleaned, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        if (cleaned.StartsWith("0b", StringComparison.Ordinal) && TryBinary(cleaned[2..], out var b))
        {
            return b;
        }

        if (cleaned.StartsWith("-0b", StringComparison.Ordinal) && TryBinary(cleaned[3..], out var nb))
        {
            return -nb;
        }

        return plain;
    }

    private static bool TryBinary(string digits, out long value)
    {
        value = 0;
        if (digits.Length == 0 || digits.Length > 63 || digits.Any(c => c is not ('0' or '1')))
        {
            return false;
        }

        value = Convert.ToInt64(digits, 2);
        return true;
    }

    private static readonly string[] TimestampFormats =
    [
        "yyyy-M-d'T'H:m:s.FFFFFFFFFK", "yyyy-M-d't'H:m:s.FFFFFFFFFK", "yyyy-M-d H:m:s.FFFFFFFFF", "yyyy-M-d",
    ];

    private static bool TryTimestamp(string plain, out DateTimeOffset value)
    {
        value = default;
        // go-yaml only tries a timestamp when the text starts with four digits and a dash.
        if (plain.Length < 8 || !char.IsAsciiDigit(plain[1]) || !char.IsAsciiDigit(plain[2]) || !char.IsAsciiDigit(plain[3]) || plain[4] != '-')
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(plain, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();
}
