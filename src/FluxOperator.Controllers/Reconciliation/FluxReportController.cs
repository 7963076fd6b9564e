using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Wires the <c>fluxreport</c> controller for the host: an informer field-selected to <c>&lt;ns&gt;/flux</c>, the
/// trigger predicate and the reconciler. The host calls <see cref="FluxReportBootstrap.EnsureAtStartupAsync"/> before
/// leader election, then (as leader) runs <see cref="FluxReportControllerParts.Informer"/> and
/// <see cref="FluxReportControllerParts.Controller"/>; after each FluxInstance pass it may call
/// <see cref="FluxReportControllerParts.RequestRefresh"/> (or patch the requestedAt annotation, §3.17).
/// </summary>
public static class FluxReportController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxreport";

    /// <summary>Builds the parts; nothing runs until the host runs them.</summary>
    public static FluxReportControllerParts Create(KubeApiClient client, ReportOptions options, ArtifactHealth? artifactHealth = null,
        ControllerOptions? controllerOptions = null, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var informer = new Informer(client, OperatorResources.FluxReport,
            new InformerOptions { Namespace = options.Namespace, FieldSelector = $"metadata.name={ReportResources.SingletonName}" },
            time, loggers.CreateLogger<Informer>());
        var reconciler = new FluxReportReconciler(client, new ReportCollector(client, options, artifactHealth), options, time, loggers.CreateLogger<FluxReportReconciler>());
        var controller = new Controller(Name, reconciler, controllerOptions, time, loggers.CreateLogger<Controller>());
        controller.Watch(informer, FluxReportReconciler.ShouldTrigger);
        return new FluxReportControllerParts(controller, informer, reconciler.Key);
    }
}
