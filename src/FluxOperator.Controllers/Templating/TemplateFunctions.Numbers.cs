using System.Globalization;
using static FluxOperator.Controllers.Templating.ParamType;
using F = FluxOperator.Controllers.Templating.TemplateFunction;

namespace FluxOperator.Controllers.Templating;

internal static partial class TemplateFunctions
{
    private static IEnumerable<TemplateFunction> Numbers()
    {
        yield return F.Fixed("atoi", (_, a) => new GoInt(long.TryParse(S(a, 0), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0), Text);
        yield return F.Fixed("int64", (_, a) => ToInt64(a[0]), Any);
        yield return F.Fixed("int", (_, a) => new GoInt(ToInt64(a[0])), Any);
        yield return F.Fixed("float64", (_, a) => ToFloat64(a[0]), Any);
        yield return F.Variadic("seq", Int, (c, a) => Seq(c, a.Select(x => ((GoInt)x!).Value).ToArray()));
        yield return F.Fixed("toDecimal", (_, a) => ToDecimal(a[0]), Any);
        yield return F.Fixed("until", (c, a) => UntilStep(c, "until", 0, I(a, 0), I(a, 0) < 0 ? -1 : 1), Int);
        yield return F.Fixed("untilStep", (c, a) => UntilStep(c, "untilStep", I(a, 0), I(a, 1), I(a, 2)), Int, Int, Int);
        yield return F.Fixed("add1", (_, a) => ToInt64(a[0]) + 1, Any);
        yield return F.Variadic("add", Any, (_, a) => a.Aggregate(0L, (sum, x) => unchecked(sum + ToInt64(x))));
        yield return F.Fixed("sub", (_, a) => unchecked(ToInt64(a[0]) - ToInt64(a[1])), Any, Any);
        yield return F.Fixed("div", (_, a) => ToInt64(a[1]) == 0 ? throw new FunctionException("runtime error: integer divide by zero") : ToInt64(a[0]) / ToInt64(a[1]), Any, Any);
        yield return F.Fixed("mod", (_, a) => ToInt64(a[1]) == 0 ? throw new FunctionException("runtime error: integer divide by zero") : ToInt64(a[0]) % ToInt64(a[1]), Any, Any);
        yield return F.Variadic("mul", Any, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (p, x) => unchecked(p * ToInt64(x))), Any);
        yield return F.Fixed("randInt", (_, a) => I(a, 1) - I(a, 0) <= 0
            ? throw new FunctionException("invalid argument to Intn")
            : new GoInt(Random.Shared.NextInt64(I(a, 0), I(a, 1))), Int, Int);
        yield return F.Variadic("biggest", Any, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, x) => Math.Max(m, ToInt64(x))), Any);
        yield return F.Variadic("max", Any, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, x) => Math.Max(m, ToInt64(x))), Any);
        yield return F.Variadic("min", Any, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, x) => Math.Min(m, ToInt64(x))), Any);
        yield return F.Variadic("maxf", Any, (_, a) => a.Skip(1).Aggregate(ToFloat64(a[0]), (m, x) => Math.Max(m, ToFloat64(x))), Any);
        yield return F.Variadic("minf", Any, (_, a) => a.Skip(1).Aggregate(ToFloat64(a[0]), (m, x) => Math.Min(m, ToFloat64(x))), Any);
        yield return F.Fixed("ceil", (_, a) => Math.Ceiling(ToFloat64(a[0])), Any);
        yield return F.Fixed("floor", (_, a) => Math.Floor(ToFloat64(a[0])), Any);
        yield return F.Variadic("round", Float, (_, a) => Round(ToFloat64(a[0]), I(a, 1), a.Length > 2 ? (double)a[2]! : 0.5), Any, Int);
    }

    /// <summary>sprig's <c>toInt64</c>: strings parsed base 10 (failure 0), doubles truncated, bools 0/1, others 0.</summary>
    internal static long ToInt64(object? v) => v switch
    {
        string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : 0,
        long l => l,
        GoInt g => g.Value,
        double d => double.IsNaN(d) ? long.MinValue : d >= 9.2233720368547758e18 ? long.MinValue : d < -9.2233720368547758e18 ? long.MinValue : (long)d,
        bool b => b ? 1 : 0,
        _ => 0,
    };

    internal static double ToFloat64(object? v) => v switch
    {
        string s => GoNumbers.TryParseFloat(s, out var d) && !s.Contains('_', StringComparison.Ordinal) ? d : 0,
        long l => l,
        GoInt g => g.Value,
        double d => d,
        bool b => b ? 1 : 0,
        _ => 0,
    };

    private static long ToDecimal(object? v)
    {
        try
        {
            var text = GoValues.Print(v);
            var negative = text.StartsWith('-');
            var body = negative || text.StartsWith('+') ? text[1..] : text;
            if (body.Length == 0 || body.Any(c => c is < '0' or > '7'))
            {
                return 0;
            }

            var value = Convert.ToInt64(body, 8);
            return negative ? -value : value;
        }
        catch (Exception e) when (e is OverflowException or FormatException or ArgumentException)
        {
            return 0;
        }
    }

    private static List<object?> UntilStep(IFunctionContext context, string function, long start, long stop, long step)
    {
        var result = new List<object?>();
        if (stop < start)
        {
            if (step >= 0)
            {
                return result;
            }

            context.CheckSequence(((start - stop) + (-step) - 1) / -step, function);
            for (var i = start; i > stop; i += step)
            {
                result.Add(new GoInt(i));
            }

            return result;
        }

        if (step <= 0)
        {
            return result;
        }

        context.CheckSequence(((stop - start) + step - 1) / step, function);
        for (var i = start; i < stop; i += step)
        {
            result.Add(new GoInt(i));
        }

        return result;
    }

    private static string Seq(IFunctionContext context, long[] p)
    {
        List<object?> values;
        switch (p.Length)
        {
            case 1:
                {
                    var increment = p[0] < 1 ? -1 : 1;
                    values = UntilStep(context, "seq", 1, p[0] + increment, increment);
                    break;
                }

            case 2:
                {
                    var step = p[1] < p[0] ? -1 : 1;
                    values = UntilStep(context, "seq", p[0], p[1] + step, step);
                    break;
                }

            case 3:
                {
                    var increment = 1;
                    if (p[2] < p[0])
                    {
                        increment = -1;
                        if (p[1] > 0)
                        {
                            return string.Empty;
                        }
                    }

                    values = UntilStep(context, "seq", p[0], p[2] + increment, p[1]);
                    break;
                }

            default:
                return string.Empty;
        }

        return string.Join(' ', values.Select(GoValues.Print));
    }

    private static double Round(double value, long places, double roundOn)
    {
        var pow = Math.Pow(10, places);
        var digit = pow * value;
        var div = digit - Math.Truncate(digit);
        var rounded = div >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
        return rounded / pow;
    }
}
