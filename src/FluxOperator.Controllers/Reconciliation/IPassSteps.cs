using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The object-specific steps <see cref="PassRunner"/> calls; everything else of a pass is shared.</summary>
public interface IPassSteps<in TPass>
    where TPass : IObjectPass
{
    /// <summary>Deletes what the object owns; the runner then removes the finalizer.</summary>
    Task UninstallAsync(TPass pass, CancellationToken cancellationToken);

    /// <summary>The pass proper, for an object that has the finalizer and is not disabled.</summary>
    Task<ReconcileResult> ReconcileAsync(TPass pass, CancellationToken cancellationToken);

    /// <summary>Records an event on the object (not forwarded).</summary>
    Task RecordAsync(TPass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken);

    /// <summary>Reports a failed pass (conditions are already set): the forwarded Warning event.</summary>
    Task ReportFailureAsync(TPass pass, PhaseFailure failure, CancellationToken cancellationToken);

    /// <summary>The exit step's writes: finalizers and status as the object needs them.</summary>
    Task WriteAsync(TPass pass, CancellationToken cancellationToken);

    /// <summary>After the writes, whether they failed or not: metrics and other in-process bookkeeping.</summary>
    Task AfterExitAsync(TPass pass, CancellationToken cancellationToken);
}
