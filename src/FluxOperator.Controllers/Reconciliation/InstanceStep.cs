namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Where a phase runs in a FluxInstance pass. The pipeline orders its phases by step, and phases of one step in the
/// order they were registered. <see cref="Approval"/> and <see cref="Recovery"/> are extension points: the
/// built-in phases leave them empty (docs/architecture.md#the-fluxinstance-pass).
/// </summary>
public enum InstanceStep
{
    /// <summary>Mark the pass in progress.</summary>
    Start,

    /// <summary>Resolve the distribution (<see cref="InstancePass.Source"/>).</summary>
    Source,

    /// <summary>Check the spec and build the objects (<see cref="InstancePass.Build"/>).</summary>
    Build,

    /// <summary>
    /// After the build, before anything is written: decide whether this build rolls out. A phase here may replace
    /// <see cref="InstancePass.Build"/> (keep the installed revision) or end the pass.
    /// </summary>
    Approval,

    /// <summary>Announce the revision and apply in stages (<see cref="InstancePass.Applied"/>).</summary>
    Apply,

    /// <summary>Delete what is no longer rendered (<see cref="InstancePass.Pruned"/>).</summary>
    Prune,

    /// <summary>Wait until every applied object is healthy; a failure is left in <see cref="InstancePass.HealthFailure"/>.</summary>
    Health,

    /// <summary>
    /// React to <see cref="InstancePass.HealthFailure"/> (a rollback). A phase here that handles the failure clears it
    /// (or replaces it with its own); whatever is left when this step ends fails the pass.
    /// </summary>
    Recovery,

    /// <summary>After a healthy apply: migrate storage versions, report changes, record success.</summary>
    Completion,
}
