using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxinstance_artifact</c> controller, on the FluxInstance informer it shares with the <c>fluxinstance</c>
/// controller. Pass the FluxInstance controller's queue as <c>requestReconcile</c> to skip the watch round trip.
/// </summary>
public static class DistributionWatcherController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxinstance_artifact";

    /// <summary>Adds the controller to <paramref name="host"/>.</summary>
    public static void Add(ControllerHost host, ArtifactStore store, DistributionWatcherOptions options, ArtifactHealth? artifactHealth = null,
        Action<ObjectKey>? requestReconcile = null, ControllerOptions? controllerOptions = null, TimeProvider? time = null, ILoggerFactory? loggers = null,
        ReportRefresher? reportRefresher = null, FluxMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var watcher = new DistributionWatcher(host.Client, store, options, artifactHealth, time, loggers.CreateLogger<DistributionWatcher>(), requestReconcile, reportRefresher, metrics);
        host.NewController(Name, controllerOptions)
            .For(OperatorResources.FluxInstance, FluxInstanceController.Watched(options.Namespace), watcher.ShouldTrigger)
            .Complete(watcher);
    }
}
