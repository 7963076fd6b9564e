using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxreport</c> controller's pass: re-creates a deleted report, stops when disabled, computes the
/// report, replaces <c>.spec</c>, sets <c>Ready=True</c>/<c>Succeeded</c> and comes back after the interval.
/// Computation errors are logged and keep what was computed; only a failed write is retried with backoff.
/// </summary>
public sealed partial class FluxReportReconciler : IReconciler
{
    private readonly IKubeClient _client;
    private readonly ReportCollector _collector;
    private readonly ReportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FluxMetrics? _metrics;

    /// <summary>Creates the reconciler.</summary>
    public FluxReportReconciler(IKubeClient client, ReportCollector collector, ReportOptions options, TimeProvider? time = null, ILogger<FluxReportReconciler>? logger = null,
        FluxMetrics? metrics = null)
    {
        _metrics = metrics;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _collector = collector ?? throw new ArgumentNullException(nameof(collector));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The only key this controller acts on.</summary>
    public ObjectKey Key => new(_options.Namespace, ReportResources.SingletonName);

    /// <summary>Which informer events start a pass: create, delete and annotation changes (not spec or status).</summary>
    public static bool ShouldTrigger(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type != InformerEventType.Updated
            || !JsonNode.DeepEquals(e.Object["metadata"]?["annotations"], e.Old?["metadata"]?["annotations"]);
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (key != Key)
        {
            return ReconcileResult.Done; // outside the singleton rule: never acted on
        }

        var report = await _client.GetAsync(OperatorResources.FluxReport, key.Namespace, key.Name, cancellationToken);
        if (report is null)
        {
            await FluxReportBootstrap.EnsureAsync(_client, _options, cancellationToken);
            LogRecreated(_logger, key.ToString());
            return ReconcileResult.Requeue;
        }

        if (string.Equals(JsonFields.Annotation(report, AnnotationKeys.Reconcile), AnnotationKeys.DisabledValue, StringComparison.OrdinalIgnoreCase))
        {
            LogDisabled(_logger);
            return ReconcileResult.Done;
        }

        var started = _time.GetTimestamp();
        var computation = await _collector.ComputeAsync(cancellationToken);
        foreach (var error in computation.Errors)
        {
            LogComputedWithErrors(_logger, error);
        }

        var elapsed = _time.GetElapsedTime(started);
        _metrics?.ReportDuration.Record(elapsed.TotalSeconds);
        var typed = Read(report);
        var previousVersion = typed.Spec?.Distribution?.Version;
        _metrics?.Publish(computation.Spec, computation.Reconcilers, previousVersion, _time.GetUtcNow(), _time);
        _metrics?.PublishResources(computation.Resources);

        var spec = JsonSerializer.SerializeToNode(computation.Spec, ApiJson.Options)!.AsObject();
        var specPatch = FluxReportSpecPatch.Diff(report["spec"] as JsonObject, spec);
        if (specPatch.Count > 0)
        {
            await _client.PatchAsync(OperatorResources.FluxReport, key.Namespace, key.Name, PatchType.Merge, new JsonObject { ["spec"] = specPatch },
                OperatorInfo.Name, cancellationToken);
        }

        await _client.PatchStatusAsync(OperatorResources.FluxReport, key.Namespace, key.Name, StatusPatch(typed, AnnotatedInterval.Rounded(elapsed), computation.Errors),
            OperatorInfo.Name, cancellationToken);
        if (computation.Cluster is { IsOpenShift: true })
        {
            LogOpenShift(_logger);
        }

        var annotated = JsonFields.Annotation(report, AnnotationKeys.ReconcileEvery);
        var interval = AnnotatedInterval.Parse(annotated, _options.ReportingInterval);
        interval = IntervalFloors.Clamp(interval > TimeSpan.Zero ? interval : _options.ReportingInterval, _options.MinInterval,
            interval > TimeSpan.Zero && annotated is not null ? AnnotationKeys.ReconcileEvery : "--reporting-interval", out var floorWarning);
        if (floorWarning is not null)
        {
            LogIntervalClamped(_logger, floorWarning);
        }

        return ReconcileResult.RequeueAfter(interval);
    }

    /// <summary>The stored report, typed; one whose fields do not parse (a hand edit) is read as empty and rewritten.</summary>
    private static FluxReport Read(JsonObject report)
    {
        try
        {
            return report.Deserialize<FluxReport>(ApiJson.Options) ?? Empty(report);
        }
        catch (JsonException)
        {
            return Empty(report);
        }

        static FluxReport Empty(JsonObject report) => new() { Metadata = new V1ObjectMeta { Generation = ObjectMeta.Generation(report) } };
    }

    private JsonObject StatusPatch(FluxReport report, string duration, IReadOnlyList<string> errors)
    {
        // The report is still written; what could not be read is named where users look first.
        var message = errors.Count == 0 ? $"Reporting finished in {duration}" : $"Reporting finished in {duration} with errors: {string.Join("; ", errors)}";
        var now = _time.GetUtcNow().UtcDateTime;
        var ready = new V1Condition
        {
            Type = ConditionTypes.Ready,
            Status = "True",
            ObservedGeneration = report.Metadata.Generation ?? 0,
            // The message carries the duration, so it changes, and with it the transition time, on every pass.
            LastTransitionTime = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            Reason = ConditionReasons.Succeeded,
            Message = message,
        };
        var status = new FluxReportStatus { Conditions = [ready, .. (report.Status?.Conditions ?? []).Where(c => c.Type != ConditionTypes.Ready)] };
        return new JsonObject { ["status"] = new JsonObject { ["conditions"] = JsonSerializer.SerializeToNode(status, ApiJson.Options)!["conditions"]!.DeepClone() } };
    }
}
