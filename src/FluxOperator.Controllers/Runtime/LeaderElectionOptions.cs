namespace FluxOperator.Controllers.Runtime;

/// <summary>Where the leader-election Lease lives and how it is held.</summary>
public sealed record LeaderElectionOptions
{
    /// <summary>The Lease's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Lease's name.</summary>
    public string LeaseName { get; init; } = "flux-operator";

    /// <summary>This candidate's holder identity; null picks <c>&lt;hostname&gt;_&lt;uuid&gt;</c>.</summary>
    public string? Identity { get; init; }

    /// <summary>How long a lease is valid without renewal (<c>--leader-election-lease-duration</c>).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(35);

    /// <summary>How long the leader keeps trying to renew before it gives up (<c>--leader-election-renew-deadline</c>).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often candidates try (<c>--leader-election-retry-period</c>).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Hand the lease back on graceful shutdown so a standby takes over at once (<c>--leader-election-release-on-cancel</c>).</summary>
    public bool ReleaseOnCancel { get; init; } = true;

    /// <summary>How long the release on shutdown may take.</summary>
    public TimeSpan ReleaseTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
