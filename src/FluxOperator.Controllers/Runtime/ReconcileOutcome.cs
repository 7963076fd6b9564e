namespace FluxOperator.Controllers.Runtime;

/// <summary>What a successful pass asks the controller to do next.</summary>
public enum ReconcileOutcome
{
    /// <summary>Nothing until the next watch event; the key's backoff is forgotten.</summary>
    Done,

    /// <summary>Run again after the key's current backoff step (the rate limiter decides).</summary>
    Requeue,

    /// <summary>Run again after a fixed delay (optionally jittered); the key's backoff is forgotten.</summary>
    RequeueAfter,
}
