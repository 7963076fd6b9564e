using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The report controller and the informer that feeds it; the host runs both while it leads.</summary>
/// <param name="Controller">The <c>fluxreport</c> controller.</param>
/// <param name="Informer">The FluxReport informer (<c>&lt;ns&gt;/flux</c> only).</param>
/// <param name="Key">The report's key.</param>
public sealed record FluxReportControllerParts(Controller Controller, Informer Informer, ObjectKey Key)
{
    /// <summary>Queues a report pass now (in-process alternative to the requestedAt annotation).</summary>
    public void RequestRefresh() => Controller.Queue.Add(Key);

    /// <summary>Runs the informer and the controller until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var informer = Informer.RunAsync(cancellationToken);
        await Controller.RunAsync(cancellationToken);
        await informer;
    }
}
