using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>What a phase decided: go on with the next phase, or end the pass with a result for the work queue.</summary>
public readonly record struct PhaseResult
{
    private PhaseResult(bool endsPass, ReconcileResult result)
    {
        EndsPass = endsPass;
        Result = result;
    }

    /// <summary>Run the next phase.</summary>
    public static PhaseResult Continue { get; } = new(false, ReconcileResult.Done);

    /// <summary>True when no later phase runs.</summary>
    public bool EndsPass { get; }

    /// <summary>What the work queue does with the key when the pass ended here.</summary>
    public ReconcileResult Result { get; }

    /// <summary>End the pass here; the exit step still runs.</summary>
    public static PhaseResult EndPass(ReconcileResult result) => new(true, result);
}
