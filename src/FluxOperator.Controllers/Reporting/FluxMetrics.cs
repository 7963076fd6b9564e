using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// The operator's Flux-level instruments (report and distribution watcher), in one place, on the operator's one
/// meter (<see cref="RuntimeMetrics.MeterName"/>). Gauges read the last published report when the exporter scrapes,
/// so a scrape costs nothing and never lists the cluster.
/// </summary>
public sealed class FluxMetrics
{
    private volatile Published? _last;
    private volatile KeyValuePair<string, object?>[][] _resources = [];

    /// <summary>Creates the instruments on the operator's meter from <paramref name="meters"/>.</summary>
    public FluxMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(RuntimeMetrics.MeterName);
        ReportDuration = meter.CreateHistogram<double>("flux_report_duration_seconds", "s", "Time to compute the FluxReport.");
        Upgrades = meter.CreateCounter<long>("flux_distribution_upgrades_total", description: "Changes of the installed Flux version.");
        ArtifactChecks = meter.CreateCounter<long>("flux_artifact_checks_total", description: "Distribution artifact digest checks by result.");
        meter.CreateObservableGauge("flux_report_age_seconds", ObserveAge, "s", "Seconds since the FluxReport was last computed.");
        meter.CreateObservableGauge("flux_reconciler_resources", ObserveReconcilers, description: "Flux objects per kind and state (running, failing, suspended) at the last report.");
        meter.CreateObservableGauge("flux_operator_info", ObserveOperator, description: "The operator build (always 1).");
        meter.CreateObservableGauge("flux_resource_info", ObserveResources, description: "One series per Flux custom resource (always 1).");
    }

    /// <summary>Report computation time.</summary>
    public Histogram<double> ReportDuration { get; }

    /// <summary>Installed Flux version changes seen by the report (<c>from</c>, <c>to</c>).</summary>
    public Counter<long> Upgrades { get; }

    /// <summary>Distribution artifact digest checks (<c>result</c>: unchanged, changed, error).</summary>
    public Counter<long> ArtifactChecks { get; }

    /// <summary>
    /// Makes <paramref name="spec"/> the report the gauges describe, computed at <paramref name="at"/>, with the
    /// counted kinds <paramref name="reconcilers"/> (also those of a partly failed step). A change from
    /// <paramref name="previousVersion"/> (the version the stored report had) counts as an upgrade.
    /// </summary>
    public void Publish(FluxReportSpec spec, IReadOnlyList<FluxReconcilerStatus> reconcilers, string? previousVersion, DateTimeOffset at, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(reconcilers);
        if (previousVersion is { Length: > 0 } from && spec.Distribution.Version is { Length: > 0 } to && from != to)
        {
            Upgrades.Add(1, new("from", from), new("to", to));
        }

        _last = new Published(at, time, [.. reconcilers], spec.Operator);
    }

    /// <summary>Replaces every <c>flux_resource_info</c> series (the reset-and-repopulate of each report pass).</summary>
    public void PublishResources(IReadOnlyList<KeyValuePair<string, object?>[]> labelSets)
    {
        ArgumentNullException.ThrowIfNull(labelSets);
        _resources = [.. labelSets];
    }

    /// <summary>Forgets the published report (tests; a process that lost the lease).</summary>
    public void Reset()
    {
        _last = null;
        _resources = [];
    }

    private IEnumerable<Measurement<long>> ObserveResources() => _resources.Select(labels => new Measurement<long>(1, labels));

    private IEnumerable<Measurement<double>> ObserveAge() =>
        _last is { } last ? [new Measurement<double>((last.Time.GetUtcNow() - last.At).TotalSeconds)] : [];

    private IEnumerable<Measurement<long>> ObserveReconcilers()
    {
        if (_last is not { } last)
        {
            yield break;
        }

        foreach (var entry in last.Reconcilers)
        {
            KeyValuePair<string, object?> kind = new("kind", entry.Kind), apiVersion = new("api_version", entry.ApiVersion);
            yield return new Measurement<long>(entry.Stats.Running, kind, apiVersion, new("state", "running"));
            yield return new Measurement<long>(entry.Stats.Failing, kind, apiVersion, new("state", "failing"));
            yield return new Measurement<long>(entry.Stats.Suspended, kind, apiVersion, new("state", "suspended"));
        }
    }

    private IEnumerable<Measurement<long>> ObserveOperator() =>
        _last?.Operator is { } op
            ? [new Measurement<long>(1, new("version", op.Version), new("api_version", op.ApiVersion), new("platform", op.Platform))]
            : [];

    private sealed record Published(DateTimeOffset At, TimeProvider Time, FluxReconcilerStatus[] Reconcilers, FluxOperatorInfo? Operator);
}
