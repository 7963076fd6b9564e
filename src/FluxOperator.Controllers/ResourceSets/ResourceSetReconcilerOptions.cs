namespace FluxOperator.Controllers.ResourceSets;

/// <summary>What the ResourceSet reconciler needs from the process configuration.</summary>
public sealed record ResourceSetReconcilerOptions
{
    /// <summary><c>--default-service-account</c>: impersonated when a set names none; empty uses the operator's identity.</summary>
    public string DefaultServiceAccount { get; init; } = "";

    /// <summary><c>--requeue-dependency</c>: how soon unsatisfied <c>dependsOn</c> entries are checked again.</summary>
    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Extra field managers to take ownership from (<c>--override-manager</c>).</summary>
    public IReadOnlyList<string> OverrideManagers { get; init; } = [];

    /// <summary>Floors of <c>reconcileEvery</c> and <c>reconcileTimeout</c> (<c>--interval-floor</c> moves the periodic one).</summary>
    public Reporting.IntervalFloors IntervalFloors { get; init; } = Reporting.IntervalFloors.Default;

    /// <summary>Jitter fraction of the periodic requeue (<c>--interval-jitter-percentage</c> / 100).</summary>
    public double IntervalJitter { get; init; } = 0.05;

    /// <summary><c>NOTIFICATION_CONTROLLER_ADDRESS</c>: where events are forwarded, overriding the FluxInstance's Service.</summary>
    public string? NotificationAddress { get; init; }

    /// <summary><c>NOTIFICATIONS_DISABLED</c>: no forwarding unless an address is given.</summary>
    public bool NotificationsDisabled { get; init; }

    /// <summary>Poll interval of health checks.</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long deleted Flux appliers (Kustomizations, HelmReleases) may take to go before the rest is deleted.</summary>
    public TimeSpan ApplierDeletionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Evaluates <c>dependsOn[].readyExpr</c>.</summary>
    public IReadyExpressions? ReadyExpressions { get; init; } = new CelReadyExpressions();
}
