namespace FluxOperator.Hosting;

/// <summary>The validated configuration of <c>flux-operator run</c>: flags with their environment overrides.</summary>
internal sealed record OperatorOptions
{
    public int Concurrent { get; init; } = 10;

    public TimeSpan ReportingInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Shortest periodic interval an annotation or flag may ask for (<c>--interval-floor</c>).</summary>
    public TimeSpan IntervalFloor { get; init; } = Controllers.Reporting.IntervalFloors.Default.Periodic;

    public TimeSpan RequeueDependency { get; init; } = TimeSpan.FromSeconds(5);

    public string MetricsAddress { get; init; } = ":8080";

    public string HealthAddress { get; init; } = ":8081";

    public string StoragePath { get; init; } = "/data";

    public string DefaultServiceAccount { get; init; } = "";

    public string DefaultWorkloadIdentityServiceAccount { get; init; } = "";

    public IReadOnlyList<string> OverrideManagers { get; init; } = [];

    public string WatchConfigsLabelSelector { get; init; } = "reconcile.fluxcd.io/watch=Enabled";

    public int WebServerPort { get; init; } = 9080;

    public bool WebServerOnly { get; init; }

    public string WebConfig { get; init; } = "";

    public string WebConfigSecretName { get; init; } = "";

    public int TokenCacheMaxSize { get; init; } = 100;

    public TimeSpan TokenCacheMaxDuration { get; init; } = TimeSpan.FromHours(1);

    public string LogEncoding { get; init; } = "json";

    public string LogLevel { get; init; } = "info";

    public TimeSpan MinRetryDelay { get; init; } = TimeSpan.FromMilliseconds(750);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(15);

    public int IntervalJitterPercentage { get; init; } = 5;

    public bool EnableLeaderElection { get; init; } = true;

    public bool LeaderElectionReleaseOnCancel { get; init; } = true;

    public TimeSpan LeaderElectionLeaseDuration { get; init; } = TimeSpan.FromSeconds(35);

    public TimeSpan LeaderElectionRenewDeadline { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan LeaderElectionRetryPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>RUNTIME_NAMESPACE</c>, default <c>flux-system</c>.</summary>
    public string RuntimeNamespace { get; init; } = "flux-system";

    /// <summary>The entitlement vendor from <c>MARKETPLACE_TYPE</c>.</summary>
    public string Vendor { get; init; } = "controlplane";

    /// <summary><c>NOTIFICATION_CONTROLLER_ADDRESS</c>.</summary>
    public string NotificationControllerAddress { get; init; } = "";

    /// <summary><c>NOTIFICATIONS_DISABLED</c> non-empty.</summary>
    public bool NotificationsDisabled { get; init; }

    /// <summary><c>KUBERNETES_SERVICE_HOST</c> non-empty: run the in-cluster preflight checks.</summary>
    public bool InCluster { get; init; }
}
