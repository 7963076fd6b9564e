using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Durations as the pass writes them (Appendix A): rounded for messages, exact for history.</summary>
public static class PassDuration
{
    /// <summary>Milliseconds below one second, whole seconds from there on: <c>272ms</c>, <c>52s</c>, <c>1m5s</c>.</summary>
    public static string Rounded(TimeSpan elapsed)
    {
        var ticks = elapsed.Ticks;
        var unit = ticks < TimeSpan.TicksPerSecond ? TimeSpan.TicksPerMillisecond : TimeSpan.TicksPerSecond;
        var rounded = (ticks + (unit / 2)) / unit * unit;
        return GoDuration.Format(rounded * 100);
    }

    /// <summary>The unrounded Go form: <c>2.818583s</c>.</summary>
    public static string Exact(TimeSpan elapsed) => GoDuration.Format(elapsed.Ticks * 100);
}
