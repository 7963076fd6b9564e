namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The phases of a FluxInstance pass in <see cref="InstanceStep"/> order (registration order within a step). It runs
/// them until one ends the pass; a health failure no <see cref="InstanceStep.Recovery"/> phase handled fails it.
/// </summary>
public sealed class InstancePipeline
{
    /// <summary>Orders <paramref name="phases"/> by step, keeping their order within a step.</summary>
    public InstancePipeline(IEnumerable<IInstancePhase> phases)
    {
        ArgumentNullException.ThrowIfNull(phases);
        Phases = [.. phases.OrderBy(p => p.Step)];
    }

    /// <summary>The phases in the order they run.</summary>
    public IReadOnlyList<IInstancePhase> Phases { get; }

    /// <summary>Runs the phases over <paramref name="pass"/>; returns what the work queue does next.</summary>
    public async Task<Runtime.ReconcileResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        foreach (var phase in Phases)
        {
            if (phase.Step > InstanceStep.Recovery)
            {
                ThrowIfUnhealthy(pass);
            }

            var result = await phase.RunAsync(pass, cancellationToken);
            if (result.EndsPass)
            {
                return result.Result;
            }
        }

        ThrowIfUnhealthy(pass);
        return Runtime.ReconcileResult.Done;
    }

    private static void ThrowIfUnhealthy(InstancePass pass)
    {
        if (pass.HealthFailure is { } failure)
        {
            throw failure;
        }
    }
}
