using System.Globalization;
using System.Text;

namespace FluxOperator.Controllers.Templating;

/// <summary>Go's <c>fmt.Sprintf</c> for the verbs templates use (<c>%v %s %d %q %t %f %e %g %x %X %o %b %c %T %%</c>)
/// with flags, width and precision, and Go's <c>%!verb(type=value)</c> forms for mismatches.</summary>
internal static class GoPrintf
{
    public static string Format(string format, ReadOnlySpan<object?> args)
    {
        var builder = new StringBuilder();
        var argIndex = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            i++;
            if (i >= format.Length)
            {
                builder.Append("%!(NOVERB)");
                break;
            }

            bool minus = false, plus = false, sharp = false, zero = false, space = false;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': minus = true; zero = false; continue;
                    case '+': plus = true; continue;
                    case '#': sharp = true; continue;
                    case '0': zero = !minus; continue;
                    case ' ': space = true; continue;
                }

                break;
            }

            var width = ReadNumber(format, ref i);
            int? precision = null;
            if (i < format.Length && format[i] == '.')
            {
                i++;
                precision = ReadNumber(format, ref i) ?? 0;
            }

            if (i >= format.Length)
            {
                builder.Append("%!(NOVERB)");
                break;
            }

            var verb = format[i];
            if (verb == '%')
            {
                builder.Append('%');
                continue;
            }

            if (argIndex >= args.Length)
            {
                builder.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }

            var arg = args[argIndex++];
            var spec = new Spec(minus, plus, sharp, zero, space, width, precision);
            var text = FormatOne(verb, arg, spec);
            builder.Append(Pad(text, spec));
        }

        if (argIndex < args.Length)
        {
            builder.Append("%!(EXTRA ");
            for (var k = argIndex; k < args.Length; k++)
            {
                if (k > argIndex)
                {
                    builder.Append(", ");
                }

                builder.Append(GoValues.TypeName(args[k])).Append('=').Append(GoValues.Print(args[k]));
            }

            builder.Append(')');
        }

        return builder.ToString();
    }

    private readonly record struct Spec(bool Minus, bool Plus, bool Sharp, bool Zero, bool Space, int? Width, int? Precision);

    private static int? ReadNumber(string format, ref int i)
    {
        var start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }

        return i > start ? int.Parse(format.AsSpan(start, i - start), CultureInfo.InvariantCulture) : null;
    }

    private static string Pad(string text, Spec spec)
    {
        if (spec.Width is not { } width || text.Length >= width)
        {
            return text;
        }

        if (spec.Minus)
        {
            return text.PadRight(width);
        }

        if (spec.Zero && text.Length > 0 && (char.IsAsciiDigit(text[^1]) || text[^1] is '.' or 'f'))
        {
            var sign = text[0] is '-' or '+' ? text[0].ToString() : string.Empty;
            return sign + text[sign.Length..].PadLeft(width - sign.Length, '0');
        }

        return text.PadLeft(width);
    }

    private static string Bad(char verb, object? arg) =>
        arg is null ? $"%!{verb}(<nil>)" : $"%!{verb}({GoValues.TypeName(arg)}={GoValues.Print(arg)})";

    private static string FormatOne(char verb, object? arg, Spec spec)
    {
        if (verb == 'T')
        {
            return GoValues.TypeName(arg);
        }

        if (verb == 'v')
        {
            return arg switch
            {
                long or GoInt when spec.Plus => Signed(arg, spec),
                double d => FloatG(d, spec.Precision, spec),
                _ => GoValues.Print(arg),
            };
        }

        switch (arg)
        {
            case string s:
                return verb switch
                {
                    's' => spec.Precision is { } p ? new string(s.EnumerateRunes().Take(p).SelectMany(r => r.ToString()).ToArray()) : s,
                    'q' => spec.Sharp && !s.Contains('`', StringComparison.Ordinal) ? "`" + s + "`" : GoFormat.Quote(s),
                    'x' => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(s)),
                    'X' => Convert.ToHexString(Encoding.UTF8.GetBytes(s)),
                    _ => Bad(verb, arg),
                };
            case bool b:
                return verb == 't' ? (b ? "true" : "false") : Bad(verb, arg);
            case long or GoInt:
                GoValues.IsInteger(arg, out var n);
                return verb switch
                {
                    'd' => Signed(arg, spec),
                    'x' => Radix(n, 16, spec, false),
                    'X' => Radix(n, 16, spec, true),
                    'o' => Radix(n, 8, spec, false),
                    'b' => Radix(n, 2, spec, false),
                    'c' => char.ConvertFromUtf32((int)n),
                    'q' => "'" + char.ConvertFromUtf32((int)n) + "'",
                    'e' or 'f' or 'g' or 's' or 'E' or 'F' or 'G' => Bad(verb, arg),
                    _ => Bad(verb, arg),
                };
            case double d:
                return verb switch
                {
                    'f' or 'F' => Sign(d, spec) + Math.Abs(d).ToString("F" + (spec.Precision ?? 6), CultureInfo.InvariantCulture),
                    'e' => Sign(d, spec) + Exponent(Math.Abs(d), spec.Precision ?? 6),
                    'E' => Sign(d, spec) + Exponent(Math.Abs(d), spec.Precision ?? 6).ToUpperInvariant(),
                    'g' => FloatG(d, spec.Precision, spec),
                    _ => Bad(verb, arg),
                };
            case null:
                return verb == 's' || verb == 'd' ? $"%!{verb}(<nil>)" : Bad(verb, arg);
            default:
                return verb == 's' || verb == 'q' ? (verb == 'q' ? GoFormat.Quote(GoValues.Print(arg)) : GoValues.Print(arg)) : Bad(verb, arg);
        }
    }

    private static string Sign(double d, Spec spec) =>
        double.IsNegative(d) ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;

    private static string Signed(object? arg, Spec spec)
    {
        GoValues.IsInteger(arg, out var n);
        var text = n.ToString(CultureInfo.InvariantCulture);
        return n >= 0 && spec.Plus ? "+" + text : n >= 0 && spec.Space ? " " + text : text;
    }

    private static string Radix(long n, int radix, Spec spec, bool upper)
    {
        var negative = n < 0;
        var magnitude = negative ? (ulong)(-(n + 1)) + 1 : (ulong)n;
        var text = radix switch
        {
            16 => magnitude.ToString(upper ? "X" : "x", CultureInfo.InvariantCulture),
            8 => ToBase(magnitude, 8),
            _ => ToBase(magnitude, 2),
        };
        if (spec.Sharp)
        {
            text = radix switch { 16 => (upper ? "0X" : "0x") + text, 8 => "0" + text, _ => text };
        }

        return negative ? "-" + text : text;
    }

    private static string ToBase(ulong value, int radix)
    {
        if (value == 0)
        {
            return "0";
        }

        var builder = new StringBuilder();
        while (value > 0)
        {
            builder.Insert(0, (char)('0' + (int)(value % (ulong)radix)));
            value /= (ulong)radix;
        }

        return builder.ToString();
    }

    private static string Exponent(double d, int precision)
    {
        var text = d.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "e+00", CultureInfo.InvariantCulture);
        return text;
    }

    private static string FloatG(double d, int? precision, Spec spec)
    {
        if (precision is null)
        {
            var text = GoFloat.FormatG(d);
            return !double.IsNegative(d) && spec.Plus ? "+" + text : text;
        }

        var p = Math.Max(precision.Value, 1);
        var rounded = double.Parse(d.ToString("E" + (p - 1), CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var (_, digits, dp) = GoFloat.Shortest(rounded);
        var exp = dp - 1;
        if (exp < -4 || exp >= p)
        {
            return Sign(d, spec) + (digits.Length > 1 ? digits[0] + "." + digits[1..] : digits) + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }

        return Sign(d, spec) + GoFloat.FormatG(Math.Abs(rounded));
    }
}
