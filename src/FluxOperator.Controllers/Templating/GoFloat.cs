using System.Globalization;
using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>Go's float64 formatting (<c>strconv.FormatFloat</c>), which decides how rendered numbers read back.</summary>
internal static class GoFloat
{
    /// <summary>Shortest round-trip decimal digits (no leading zeros, "0" for zero) and the decimal point position
    /// <c>dp</c> such that the value is <c>0.digits × 10^dp</c>.</summary>
    public static (bool Negative, string Digits, int DecimalPoint) Shortest(double value)
    {
        var r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var negative = double.IsNegative(value);
        var exponent = 0;
        var e = r.IndexOf('E', StringComparison.Ordinal);
        var mantissa = r;
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = point >= 0 ? mantissa[..point] : mantissa;
        var fracPart = point >= 0 ? mantissa[(point + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return (negative, "0", 1);
        }

        var dp = intPart.Length - leadingZeros + exponent;
        return (negative, digits, dp);
    }

    /// <summary><c>strconv.FormatFloat(v, 'g', -1, 64)</c> — also fmt's <c>%v</c>.</summary>
    public static string FormatG(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var (negative, digits, dp) = Shortest(value);
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        var exp = digits == "0" ? 0 : dp - 1;
        if (exp < -4 || exp >= 6)
        {
            AppendExponent(builder, digits, exp, minExponentDigits: 2);
        }
        else
        {
            AppendFixed(builder, digits, digits == "0" ? 1 : dp, Math.Max(digits.Length - dp, 0));
        }

        return builder.ToString();
    }

    /// <summary>encoding/json's float64 form: fixed for 1e-6 ≤ |x| &lt; 1e21, else exponent with a trimmed exponent.</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        var (negative, digits, dp) = Shortest(value);
        var builder = new StringBuilder();
        if (negative)
        {
            builder.Append('-');
        }

        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            AppendExponent(builder, digits, dp - 1, minExponentDigits: 1);
        }
        else
        {
            AppendFixed(builder, digits, digits == "0" ? 1 : dp, Math.Max(digits.Length - dp, 0));
        }

        return builder.ToString();
    }

    private static void AppendExponent(StringBuilder builder, string digits, int exp, int minExponentDigits)
    {
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }

        builder.Append('e').Append(exp < 0 ? '-' : '+');
        var e = Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        builder.Append('0', Math.Max(0, minExponentDigits - e.Length)).Append(e);
    }

    private static void AppendFixed(StringBuilder builder, string digits, int dp, int decimals)
    {
        if (dp <= 0)
        {
            builder.Append('0');
        }
        else
        {
            for (var i = 0; i < dp; i++)
            {
                builder.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        if (decimals > 0)
        {
            builder.Append('.');
            for (var i = 0; i < decimals; i++)
            {
                var index = dp + i;
                builder.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }
    }
}
