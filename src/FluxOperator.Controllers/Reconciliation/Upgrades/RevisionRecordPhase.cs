namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// The first completion phase: after a healthy apply, <see cref="RevisionRollback.CompleteAsync"/> records the last
/// healthy revision, or ends a pass held at a restored revision with Ready=False <c>RolledBack</c> (so it is not
/// reported as a success).
/// </summary>
public sealed class RevisionRecordPhase : IInstancePhase
{
    private readonly RevisionRollback _rollback;

    /// <summary>Creates the phase.</summary>
    public RevisionRecordPhase(RevisionRollback rollback) => _rollback = rollback ?? throw new ArgumentNullException(nameof(rollback));

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Completion;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (pass.Rollout is not { } rollout)
        {
            return PhaseResult.Continue;
        }

        return await _rollback.CompleteAsync(pass, rollout, cancellationToken) is { } held ? PhaseResult.EndPass(held) : PhaseResult.Continue;
    }
}
