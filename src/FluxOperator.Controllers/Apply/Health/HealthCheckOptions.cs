namespace FluxOperator.Controllers.Apply.Health;

/// <summary>How a readiness wait polls.</summary>
/// <param name="Interval">Time between polls (5 s for the health check, 2 s for stage waits).</param>
/// <param name="Timeout">Overall budget (the instance's <c>reconcileTimeout</c>).</param>
public sealed record HealthCheckOptions(TimeSpan Interval, TimeSpan Timeout);
