using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>A phase of a pass failed: the Ready reason and message it reports, and whether retrying can help.</summary>
public sealed class PhaseFailure : ReconcileError
{
    /// <summary>Creates the failure.</summary>
    public PhaseFailure(string reason, string message, bool terminal, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Terminal = terminal;
    }

    /// <summary>Creates a failure without details.</summary>
    public PhaseFailure()
        : this("ReconciliationFailed", "reconciliation failed", terminal: false)
    {
    }

    /// <summary>Creates a retried failure with a message.</summary>
    public PhaseFailure(string message)
        : this("ReconciliationFailed", message, terminal: false)
    {
    }

    /// <summary>Creates a retried failure with a message and cause.</summary>
    public PhaseFailure(string message, Exception innerException)
        : this("ReconciliationFailed", message, terminal: false, innerException)
    {
    }

    /// <summary>The Ready condition reason (<c>ArtifactFailed</c>, <c>BuildFailed</c>, <c>ReconciliationFailed</c>).</summary>
    public string Reason { get; }

    /// <summary>True when the failure is reported in status only, without an event (the preflight checks).</summary>
    public bool Quiet { get; init; }

    /// <summary>True: bad input; Stalled is set and the key is not retried until the object changes.</summary>
    public bool Terminal { get; }
}
