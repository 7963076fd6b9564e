using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
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

    /// <summary>Creates the reconciler.</summary>
    public FluxReportReconciler(IKubeClient client, ReportCollector collector, ReportOptions options, TimeProvider? time = null, ILogger<FluxReportReconciler>? logger = null)
    {
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
        FluxMetrics.ReportDuration.Record(elapsed.TotalSeconds);
        var previousVersion = JsonFields.Text(report["spec"]?["distribution"]?["version"]);
        FluxMetrics.Publish(computation.Spec, computation.Reconcilers, previousVersion, _time.GetUtcNow(), _time);
        FluxMetrics.PublishResources(computation.Resources);

        var spec = JsonSerializer.SerializeToNode(computation.Spec, ApiJson.Options)!.AsObject();
        var specPatch = FluxReportSpecPatch.Diff(report["spec"] as JsonObject, spec);
        if (specPatch.Count > 0)
        {
            await _client.PatchAsync(OperatorResources.FluxReport, key.Namespace, key.Name, PatchType.Merge, new JsonObject { ["spec"] = specPatch },
                OperatorInfo.Name, cancellationToken);
        }

        await _client.PatchStatusAsync(OperatorResources.FluxReport, key.Namespace, key.Name,
            new JsonObject { ["status"] = new JsonObject { ["conditions"] = Conditions(report, AnnotatedInterval.Rounded(elapsed), computation.Errors) } },
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

    private JsonArray Conditions(JsonObject report, string duration, IReadOnlyList<string> errors)
    {
        // The report is still written; what could not be read is named where users look first.
        var message = errors.Count == 0 ? $"Reporting finished in {duration}" : $"Reporting finished in {duration} with errors: {string.Join("; ", errors)}";
        var now = _time.GetUtcNow().UtcDateTime;
        var ready = new JsonObject
        {
            ["type"] = ConditionTypes.Ready,
            ["status"] = "True",
            ["observedGeneration"] = ObjectMeta.Generation(report),
            // The message carries the duration, so it changes, and with it the transition time, on every pass.
            ["lastTransitionTime"] = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["reason"] = ConditionReasons.Succeeded,
            ["message"] = message,
        };
        var conditions = new JsonArray { ready };
        if (report["status"]?["conditions"] is JsonArray existing)
        {
            foreach (var other in existing.OfType<JsonObject>().Where(c => JsonFields.Text(c["type"]) != ConditionTypes.Ready))
            {
                conditions.Add(other.DeepClone());
            }
        }

        return conditions;
    }
}
