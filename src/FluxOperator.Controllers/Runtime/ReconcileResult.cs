namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// What happens after a pass, as a value. Errors are exceptions: <see cref="TerminalException"/> is never
/// retried, any other exception backs the key off exponentially.
/// </summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(ReconcileOutcome outcome, TimeSpan delay, double jitter)
    {
        Outcome = outcome;
        Delay = delay;
        Jitter = jitter;
    }

    /// <summary>What the controller does next.</summary>
    public ReconcileOutcome Outcome { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>: the nominal delay.</summary>
    public TimeSpan Delay { get; }

    /// <summary>For <see cref="ReconcileOutcome.RequeueAfter"/>: the jitter fraction p, so the delay is d × (1 + p × u), u in [−1, 1).</summary>
    public double Jitter { get; }

    /// <summary>Finished; wait for the next change.</summary>
    public static ReconcileResult Done { get; } = new(ReconcileOutcome.Done, TimeSpan.Zero, 0);

    /// <summary>Run again soon, through the per-key rate limiter (e.g. right after adding a finalizer).</summary>
    public static ReconcileResult Requeue { get; } = new(ReconcileOutcome.Requeue, TimeSpan.Zero, 0);

    /// <summary>Run again after <paramref name="delay"/>, spread by ± <paramref name="jitter"/> (a fraction below 1).</summary>
    public static ReconcileResult RequeueAfter(TimeSpan delay, double jitter = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1);
        return new(ReconcileOutcome.RequeueAfter, delay, jitter);
    }

    /// <inheritdoc />
    public override string ToString() => Outcome switch
    {
        ReconcileOutcome.RequeueAfter when Jitter > 0 => $"RequeueAfter({Delay}, ±{Jitter:P0})",
        ReconcileOutcome.RequeueAfter => $"RequeueAfter({Delay})",
        _ => Outcome.ToString(),
    };
}
