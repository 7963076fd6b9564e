namespace FluxOperator.Controllers.Runtime;

/// <summary>Why <see cref="LeaderElection.RunAsync"/> returned.</summary>
public enum LeadershipOutcome
{
    /// <summary>The caller stopped it (or the leader's work ended by itself); a held lease was handed back if configured.</summary>
    Stopped,

    /// <summary>The lease could not be renewed in time: another candidate may lead now. The process should exit.</summary>
    Lost,
}
