using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Wires the <c>fluxinstance_artifact</c> controller for the host on the FluxInstance informer it shares with the
/// <c>fluxinstance</c> controller (the host runs that informer). Pass the FluxInstance controller's queue as
/// <c>requestReconcile</c> (<c>key =&gt; fluxInstanceController.Queue.Add(key)</c>) to skip the watch round trip.
/// </summary>
public static class DistributionWatcherController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxinstance_artifact";

    /// <summary>Builds the controller; it runs when the host calls <see cref="Controller.RunAsync"/>.</summary>
    public static Controller Create(KubeApiClient client, Informer fluxInstances, ArtifactStore store, DistributionWatcherOptions options,
        ArtifactHealth? artifactHealth = null, Action<ObjectKey>? requestReconcile = null, ControllerOptions? controllerOptions = null,
        TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(fluxInstances);
        loggers ??= NullLoggerFactory.Instance;
        var watcher = new DistributionWatcher(client, store, options, artifactHealth, time, loggers.CreateLogger<DistributionWatcher>(), requestReconcile);
        var controller = new Controller(Name, watcher, controllerOptions, time, loggers.CreateLogger<Controller>());
        controller.Watch(fluxInstances, watcher.ShouldTrigger);
        return controller;
    }
}
