namespace FluxOperator.Controllers.Runtime;

/// <summary>Brings the world in line with one object: gets a key, reads fresh state, returns what to do next.</summary>
public interface IReconciler
{
    /// <summary>
    /// One pass for <paramref name="key"/>. Return a <see cref="ReconcileResult"/>; throw
    /// <see cref="TerminalException"/> for input that cannot succeed, anything else to be retried with backoff.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken);

    /// <summary>
    /// One pass as the controller starts it: with the key, a token that fires when a new event for the same key
    /// arrives during the pass (on watches built with interruption). A reconciler that can abandon a long wait
    /// implements this; the default ignores the signal.
    /// </summary>
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken) =>
        ReconcileAsync(request.Key, cancellationToken);
}
