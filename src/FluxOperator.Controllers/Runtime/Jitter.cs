namespace FluxOperator.Controllers.Runtime;

/// <summary>Spreads periodic delays so that many objects (or replicas) do not fire at the same instant.</summary>
public static class Jitter
{
    /// <summary>
    /// <c>delay × (1 + fraction × u)</c> with <paramref name="u"/> uniform in [−1, 1): the operator's
    /// <c>--interval-jitter-percentage</c> rule for periodic requeues.
    /// </summary>
    public static TimeSpan Spread(TimeSpan delay, double fraction, double u)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(u, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(u, 1);
        return fraction <= 0 ? delay : TimeSpan.FromTicks((long)(delay.Ticks * (1 + (fraction * u))));
    }

    /// <summary><see cref="Spread(TimeSpan, double, double)"/> with u drawn from <paramref name="random"/>.</summary>
    public static TimeSpan Spread(TimeSpan delay, double fraction, Random random) =>
        Spread(delay, fraction, (random.NextDouble() * 2) - 1);

    /// <summary>
    /// A delay in [<paramref name="delay"/>, <paramref name="delay"/> × (1 + <paramref name="factor"/>)): client-go's
    /// <c>wait.Jitter</c>, used for reconnects so that clients do not retry in lockstep.
    /// </summary>
    public static TimeSpan Up(TimeSpan delay, double factor, Random random) =>
        TimeSpan.FromTicks((long)(delay.Ticks * (1 + (factor * random.NextDouble()))));
}
