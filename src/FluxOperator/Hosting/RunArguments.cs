namespace FluxOperator.Hosting;

/// <summary>The raw values of the <c>run</c> flags, before environment overrides and validation (null: not given).</summary>
internal sealed record RunArguments
{
    public int? Concurrent { get; init; }

    public string? ReportingInterval { get; init; }

    public string? IntervalFloor { get; init; }

    public string? RequeueDependency { get; init; }

    public string? MetricsAddress { get; init; }

    public string? HealthAddress { get; init; }

    public string? StoragePath { get; init; }

    public string? DefaultServiceAccount { get; init; }

    public string? DefaultWorkloadIdentityServiceAccount { get; init; }

    public IReadOnlyList<string> OverrideManagers { get; init; } = [];

    public string? WatchConfigsLabelSelector { get; init; }

    public int? WebServerPort { get; init; }

    public bool WebServerOnly { get; init; }

    public string? WebConfig { get; init; }

    public string? WebConfigSecretName { get; init; }

    public int? TokenCacheMaxSize { get; init; }

    public string? TokenCacheMaxDuration { get; init; }

    public string? LogEncoding { get; init; }

    public string? LogLevel { get; init; }

    public string? MinRetryDelay { get; init; }

    public string? MaxRetryDelay { get; init; }

    public int? IntervalJitterPercentage { get; init; }

    /// <summary>Null when the flag was not on the command line (then leader election is forced on).</summary>
    public bool? EnableLeaderElection { get; init; }

    public bool? LeaderElectionReleaseOnCancel { get; init; }

    public string? LeaderElectionLeaseDuration { get; init; }

    public string? LeaderElectionRenewDeadline { get; init; }

    public string? LeaderElectionRetryPeriod { get; init; }
}
