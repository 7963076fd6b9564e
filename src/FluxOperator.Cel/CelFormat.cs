using System.Globalization;
using System.Text;

namespace FluxOperator.Cel;

/// <summary>How CEL (cel-go) renders numbers, durations and quoted values.</summary>
internal static class CelFormat
{
    /// <summary>A double as Go's <c>strconv.FormatFloat(d, 'g', -1, 64)</c> with exponents as Go writes them.</summary>
    public static string Double(double d)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(d))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(d))
        {
            return "-Inf";
        }

        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            // .NET switches to exponents at 1e15; Go's %g switches at exponent >= 21 ('g' with shortest precision).
            return r;
        }

        var mantissa = r[..e];
        var exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        if (exponent is >= -4 and < 21)
        {
            return d.ToString("0.#####################", CultureInfo.InvariantCulture);
        }

        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent):00}";
    }

    /// <summary>A duration as Go's <c>time.Duration.String()</c>-like seconds form cel-go prints (<c>1.5s</c>, <c>3600s</c>).</summary>
    public static string Duration(long nanoseconds)
    {
        var seconds = nanoseconds / 1_000_000_000;
        var fraction = Math.Abs(nanoseconds % 1_000_000_000);
        var sign = nanoseconds < 0 && seconds == 0 ? "-" : "";
        return fraction == 0
            ? $"{sign}{seconds}s"
            : $"{sign}{seconds}.{fraction.ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0')}s";
    }

    /// <summary>A value as it appears inside a printed list or map (strings quoted).</summary>
    public static string Quote(CelValue v) => v is CelString s ? QuoteString(s.Value) : v.ToString();

    /// <summary>A string in double quotes with Go-style escapes (strings.quote).</summary>
    public static string QuoteString(string s)
    {
        var b = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '\a': b.Append("\\a"); break;
                case '\b': b.Append("\\b"); break;
                case '\f': b.Append("\\f"); break;
                case '\v': b.Append("\\v"); break;
                default: b.Append(c); break;
            }
        }

        return b.Append('"').ToString();
    }
}

/// <summary>Numeric comparison across int, uint and double (CEL's cross-type numeric comparisons).</summary>
internal static class CelNumber
{
    public static bool IsNumber(CelValue v) => v is CelInt or CelUInt or CelDouble;

    /// <summary>Compares two numbers by value; NaN compares as unordered (returns int.MinValue).</summary>
    public static int Compare(CelValue a, CelValue b)
    {
        switch (a, b)
        {
            case (CelInt x, CelInt y): return x.Value.CompareTo(y.Value);
            case (CelUInt x, CelUInt y): return x.Value.CompareTo(y.Value);
            case (CelDouble x, CelDouble y): return CompareDouble(x.Value, y.Value);
            case (CelInt x, CelUInt y): return x.Value < 0 ? -1 : ((ulong)x.Value).CompareTo(y.Value);
            case (CelUInt x, CelInt y): return y.Value < 0 ? 1 : x.Value.CompareTo((ulong)y.Value);
            case (CelInt x, CelDouble y): return CompareIntDouble(x.Value, y.Value);
            case (CelDouble x, CelInt y): return Negate(CompareIntDouble(y.Value, x.Value));
            case (CelUInt x, CelDouble y): return CompareUIntDouble(x.Value, y.Value);
            case (CelDouble x, CelUInt y): return Negate(CompareUIntDouble(y.Value, x.Value));
            default: throw new CelEvaluationException("no such overload");
        }
    }

    private static int Negate(int c) => c == int.MinValue ? c : -c;

    private static int CompareDouble(double x, double y) => double.IsNaN(x) || double.IsNaN(y) ? int.MinValue : x.CompareTo(y);

    private static int CompareIntDouble(long x, double y)
    {
        if (double.IsNaN(y))
        {
            return int.MinValue;
        }

        if (y < -9.2233720368547758E18)
        {
            return 1;
        }

        if (y >= 9.2233720368547758E18)
        {
            return -1;
        }

        var t = Math.Truncate(y);
        var c = x.CompareTo((long)t);
        return c != 0 ? c : (y > t ? -1 : y < t ? 1 : 0);
    }

    private static int CompareUIntDouble(ulong x, double y)
    {
        if (double.IsNaN(y))
        {
            return int.MinValue;
        }

        if (y < 0)
        {
            return 1;
        }

        if (y >= 1.8446744073709552E19)
        {
            return -1;
        }

        var t = Math.Truncate(y);
        var c = x.CompareTo((ulong)t);
        return c != 0 ? c : (y > t ? -1 : 0);
    }
}
