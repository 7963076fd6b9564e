namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The approval step: <see cref="UpgradeGate"/> chooses what the pass applies and replaces the build with it.</summary>
public sealed class UpgradeApprovalPhase : IInstancePhase
{
    private readonly UpgradeGate _gate;

    /// <summary>Creates the phase.</summary>
    public UpgradeApprovalPhase(UpgradeGate gate) => _gate = gate ?? throw new ArgumentNullException(nameof(gate));

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Approval;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var rollout = await _gate.ChooseAsync(pass, pass.Build, pass.Source, cancellationToken);
        pass.Rollout = rollout;
        pass.Build = rollout.Build;
        return PhaseResult.Continue;
    }
}
