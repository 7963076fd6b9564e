namespace FluxOperator.Controllers.Reconciliation;

/// <summary>What the FluxInstance reconciler needs from the process configuration.</summary>
public sealed record FluxInstanceReconcilerOptions
{
    /// <summary>The operator namespace <c>&lt;ns&gt;</c>: the only namespace whose <c>flux</c> instance is acted on.</summary>
    public string Namespace { get; init; } = "flux-system";

    /// <summary>The embedded distribution (<c>--storage-path</c>).</summary>
    public string StoragePath { get; init; } = "/data";

    /// <summary>Extra field managers to take ownership from (<c>--override-manager</c>).</summary>
    public IReadOnlyList<string> OverrideManagers { get; init; } = [];

    /// <summary>Jitter fraction of the periodic requeue (<c>--interval-jitter-percentage</c> / 100).</summary>
    public double IntervalJitter { get; init; } = 0.05;

    /// <summary>Run the in-cluster preflight checks (<c>KUBERNETES_SERVICE_HOST</c> set).</summary>
    public bool InCluster { get; init; }

    /// <summary><c>NOTIFICATION_CONTROLLER_ADDRESS</c>: where events are forwarded, overriding the default Service.</summary>
    public string? NotificationAddress { get; init; }

    /// <summary><c>NOTIFICATIONS_DISABLED</c>: no forwarding unless an address is given.</summary>
    public bool NotificationsDisabled { get; init; }

    /// <summary>Shortest <c>reconcileEvery</c> and <c>reconcileTimeout</c> an instance may ask for.</summary>
    public Reporting.IntervalFloors IntervalFloors { get; init; } = Reporting.IntervalFloors.Default;

    /// <summary>Poll interval of the health check.</summary>
    public TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Poll interval and budget of the uninstall waits.</summary>
    public TimeSpan UninstallWaitTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
