namespace FluxOperator.Controllers.Runtime;

/// <summary>How a controller runs its passes.</summary>
public sealed record ControllerOptions
{
    /// <summary>Maximum passes at once (<c>--concurrent</c>); a key is never in two of them.</summary>
    public int MaxConcurrentReconciles { get; init; } = 1;

    /// <summary>First backoff delay of a failing key (controller-runtime: 5 ms; the operator: <c>--min-retry-delay</c>).</summary>
    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Backoff cap (controller-runtime: 1000 s; the operator: <c>--max-retry-delay</c>).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1000);

    /// <summary>On stop, how long in-flight passes may go on before their token is cancelled.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long <see cref="Controller.RunAsync"/> waits for its informers' first sync before it fails with
    /// <see cref="TimeoutException"/> (controller-runtime's <c>CacheSyncTimeout</c>; e.g. a CRD that is not installed).
    /// </summary>
    public TimeSpan CacheSyncTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
