using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxinstance</c> controller: the FluxInstance <c>&lt;ns&gt;/flux</c>, its drift watches, and a new trigger
/// abandoning a health wait in progress (the runtime's superseded signal).
/// </summary>
public static class FluxInstanceController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxinstance";

    /// <summary>The informer of the instance: only <c>&lt;ns&gt;/flux</c> is ever seen.</summary>
    public static InformerOptions Watched(string @namespace) =>
        new() { Namespace = @namespace, FieldSelector = $"metadata.name={ApiGroup.DefaultName},metadata.namespace={@namespace}" };

    /// <summary>
    /// Adds the controller to <paramref name="host"/>; returns what queues a pass of the instance (for the distribution
    /// watcher). <paramref name="reportRefresher"/> asks for a report refresh after every instance pass.
    /// </summary>
    public static Action<ObjectKey> Add(ControllerHost host, ArtifactStore artifacts, IEventRecorder events, FluxInstanceReconcilerOptions options,
        ReportRefresher? reportRefresher, ControllerOptions? controllerOptions, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var controller = host.NewController(Name, controllerOptions);
        var watches = new ManagedObjectWatches(host.Client, controller.Queue.Add, new ObjectKey(options.Namespace, ApiGroup.DefaultName), time, loggers);
        host.Add("drift watches", watches.RunAsync);
        var reconciler = new FluxInstanceReconciler(host.Client, artifacts, events, options, time, loggers, watches, reportRefresher);
        controller.For(OperatorResources.FluxInstance, Watched(options.Namespace), FluxInstanceTriggers.IsInstanceTrigger, interruptRunningPass: true)
            .Complete(reconciler);
        return controller.Queue.Add;
    }
}
