namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The recovery step: a failed health check of a new revision is handled by <see cref="RevisionRollback"/> when it can roll back.</summary>
public sealed class RollbackPhase : IInstancePhase
{
    private readonly RevisionRollback _rollback;

    /// <summary>Creates the phase.</summary>
    public RollbackPhase(RevisionRollback rollback) => _rollback = rollback ?? throw new ArgumentNullException(nameof(rollback));

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Recovery;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (pass.HealthFailure is not { } failure || pass.Rollout is not { } rollout)
        {
            return PhaseResult.Continue;
        }

        if (await _rollback.TryRollBackAsync(pass, rollout, pass.Source, failure, cancellationToken) is not { } next)
        {
            return PhaseResult.Continue; // nothing to roll back to: the failure stands
        }

        pass.HealthFailure = null;
        return PhaseResult.EndPass(next);
    }
}
