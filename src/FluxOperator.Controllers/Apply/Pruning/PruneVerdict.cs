namespace FluxOperator.Controllers.Apply.Pruning;

/// <summary>What garbage collection does with one stale object, decided on its live state.</summary>
public enum PruneVerdict
{
    /// <summary>The object is already gone: recorded as deleted, nothing to send.</summary>
    AlreadyGone,

    /// <summary>The object lacks our ownership labels: left alone.</summary>
    NotOwned,

    /// <summary>The object is labelled or annotated <c>fluxcd.controlplane.io/prune: disabled</c>: left alone.</summary>
    PruneDisabled,

    /// <summary>Delete it.</summary>
    Delete,
}
