namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// One phase of a FluxInstance pass: reads and extends the shared <see cref="InstancePass"/>, and either lets the
/// pass continue or ends it. A failure is a thrown <see cref="PhaseFailure"/> (Ready=False with its reason).
/// </summary>
public interface IInstancePhase
{
    /// <summary>Where the phase runs.</summary>
    InstanceStep Step { get; }

    /// <summary>Runs the phase.</summary>
    Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken);
}
