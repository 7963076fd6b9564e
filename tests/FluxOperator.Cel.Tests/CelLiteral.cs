using System.Globalization;
using FluxOperator.Cel;

namespace FluxOperator.Cel.Tests;

/// <summary>Writes a value in CEL literal syntax, so expected results read like the expressions.</summary>
internal static class CelLiteral
{
    public static string Render(CelValue v) => v switch
    {
        CelString s => Quote(s.Value),
        CelDouble d => Double(d.Value),
        CelList l => "[" + string.Join(", ", l.Items.Select(Render)) + "]",
        CelMap m => "{" + string.Join(", ", m.Keys.Select(k => Render(k) + ": " + (m.TryGet(k, out var x) ? Render(x) : "?"))) + "}",
        _ => v.ToString(),
    };

    private static string Double(double d)
    {
        var s = v(d);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('e', StringComparison.Ordinal) || s.Contains("Inf", StringComparison.Ordinal) || s == "NaN" ? s : s + ".0";

        static string v(double x) => double.IsPositiveInfinity(x) ? "+Inf" : x.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
