namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Resolves the distribution the pass builds from: the embedded store or the instance's artifact.</summary>
public sealed class SourcePhase : IInstancePhase
{
    private readonly DistributionSource _distribution;

    /// <summary>Creates the phase.</summary>
    public SourcePhase(DistributionSource distribution) =>
        _distribution = distribution ?? throw new ArgumentNullException(nameof(distribution));

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Source;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        pass.Source = await _distribution.ResolveAsync(pass.Instance, cancellationToken);
        return PhaseResult.Continue;
    }
}
