namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Per-item exponential backoff: <c>min(baseDelay × 2^(failures−1), maxDelay)</c>. The defaults are
/// controller-runtime's (5 ms → 1000 s); the operator passes its <c>--min-retry-delay</c>/<c>--max-retry-delay</c>.
/// </summary>
public sealed class ExponentialBackoff<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<T, int> _failures = [];

    /// <summary>Creates the limiter.</summary>
    public ExponentialBackoff(TimeSpan? baseDelay = null, TimeSpan? maxDelay = null)
    {
        BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(5);
        MaxDelay = maxDelay ?? TimeSpan.FromSeconds(1000);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(BaseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, BaseDelay);
    }

    /// <summary>The first delay.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The cap.</summary>
    public TimeSpan MaxDelay { get; }

    /// <inheritdoc />
    public TimeSpan When(T item)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(item) + 1;
            _failures[item] = failures;
        }

        return DelayFor(failures);
    }

    /// <inheritdoc />
    public void Forget(T item)
    {
        lock (_gate)
        {
            _failures.Remove(item);
        }
    }

    /// <inheritdoc />
    public int Failures(T item)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(item);
        }
    }

    /// <summary>The delay after the <paramref name="failures"/>-th failure in a row.</summary>
    public TimeSpan DelayFor(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        // Beyond 2^62 the product overflows long before any cap matters; compare in doubles.
        var ticks = BaseDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 62));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
