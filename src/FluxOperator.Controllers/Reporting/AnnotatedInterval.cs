using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Reporting;

/// <summary>Interval annotations in the duration grammar of the spec (Appendix A), with a sign and a bare <c>0</c>.</summary>
public static class AnnotatedInterval
{
    /// <summary>
    /// The annotation's duration; <paramref name="fallback"/> when absent or unparsable. Zero and negative values are
    /// returned as they are: callers treat them as "no periodic requeue".
    /// </summary>
    public static TimeSpan Parse(string? value, TimeSpan fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var text = value.Trim();
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            text = text[1..];
        }

        if (!GoDuration.TryParse(text, out var nanoseconds))
        {
            return fallback;
        }

        var span = TimeSpan.FromTicks(nanoseconds / 100);
        return negative ? -span : span;
    }

    /// <summary>A message duration: milliseconds below one second, whole seconds from there (<c>272ms</c>, <c>1m5s</c>).</summary>
    public static string Rounded(TimeSpan elapsed)
    {
        var rounded = elapsed < TimeSpan.FromSeconds(1)
            ? TimeSpan.FromMilliseconds(Math.Round(elapsed.TotalMilliseconds))
            : TimeSpan.FromSeconds(Math.Round(elapsed.TotalSeconds));
        return GoDuration.Format(rounded.Ticks * 100);
    }
}
