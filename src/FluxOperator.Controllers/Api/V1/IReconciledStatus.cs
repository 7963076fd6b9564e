namespace FluxOperator.Controllers.Api.V1;

/// <summary>The status of a kind our reconcilers drive: conditions plus the last handled reconcile request.</summary>
public interface IReconciledStatus : IConditionedStatus
{
    /// <summary><c>status.lastHandledReconcileAt</c>: the <c>reconcile.fluxcd.io/requestedAt</c> value last handled.</summary>
    string? LastHandledReconcileAt { get; set; }
}
