namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>How a delete is sent.</summary>
public sealed record DeleteOptions
{
    /// <summary>What happens to dependents; null leaves the server's default for the kind.</summary>
    public PropagationPolicy? Propagation { get; init; } = PropagationPolicy.Background;

    /// <summary>Delete only if the object still has this uid (it was not replaced meanwhile).</summary>
    public string? PreconditionUid { get; init; }

    /// <summary>Delete only if the object still has this resourceVersion.</summary>
    public string? PreconditionResourceVersion { get; init; }

    /// <summary>Let the server check the delete without performing it.</summary>
    public bool DryRun { get; init; }
}
