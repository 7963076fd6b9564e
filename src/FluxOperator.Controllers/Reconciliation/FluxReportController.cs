using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxreport</c> controller: the report <c>&lt;ns&gt;/flux</c>, refreshed on its interval, on a requestedAt
/// annotation and on in-process requests. The host calls <see cref="FluxReportBootstrap.EnsureAtStartupAsync"/> on
/// every replica before leader election.
/// </summary>
public static class FluxReportController
{
    /// <summary>The controller name (metrics and log label).</summary>
    public const string Name = "fluxreport";

    /// <summary>The informer of the report: <c>&lt;ns&gt;/flux</c> only.</summary>
    public static InformerOptions Watched(string @namespace) =>
        new() { Namespace = @namespace, FieldSelector = $"metadata.name={ReportResources.SingletonName}" };

    /// <summary>Adds the controller to <paramref name="host"/>; returns what queues a report pass now.</summary>
    public static Action Add(ControllerHost host, ReportOptions options, ArtifactHealth? artifactHealth = null,
        ControllerOptions? controllerOptions = null, TimeProvider? time = null, ILoggerFactory? loggers = null, FluxMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        loggers ??= NullLoggerFactory.Instance;
        var reconciler = new FluxReportReconciler(host.Client, new ReportCollector(host.Client, options, artifactHealth), options, time, loggers.CreateLogger<FluxReportReconciler>(), metrics);
        var controller = host.NewController(Name, controllerOptions);
        controller.For(OperatorResources.FluxReport, Watched(options.Namespace), FluxReportReconciler.ShouldTrigger).Complete(reconciler);
        return () => controller.Queue.Add(reconciler.Key);
    }
}
