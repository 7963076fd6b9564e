using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// The runtime's instruments, named as controller-runtime and client-go name theirs so that the Flux dashboards
/// and alert rules read them unchanged. Every instrument of the operator lives on one meter, <see cref="MeterName"/>,
/// made by the process's <see cref="IMeterFactory"/> (which hands every caller of that name the same meter); the host
/// creates one instance per process and exports the meter. Parts given no instance measure nothing (most tests).
/// </summary>
public sealed class RuntimeMetrics
{
    /// <summary>The operator's one meter, which the host exports.</summary>
    public const string MeterName = "FluxOperator";

    private readonly ConcurrentDictionary<IWorkQueueGauges, byte> _queues = new();
    private readonly ConcurrentDictionary<LeaderElection, byte> _elections = new();

    /// <summary>Creates the instruments on the operator's meter from <paramref name="meters"/>.</summary>
    public RuntimeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        ReconcileTotal = Meter.CreateCounter<long>("controller_runtime_reconcile_total");
        ReconcileErrors = Meter.CreateCounter<long>("controller_runtime_reconcile_errors_total");
        TerminalReconcileErrors = Meter.CreateCounter<long>("controller_runtime_terminal_reconcile_errors_total");
        ReconcileTime = Meter.CreateHistogram<double>(
            "controller_runtime_reconcile_time_seconds", "s", advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
                    1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60],
            });
        ActiveWorkers = Meter.CreateUpDownCounter<long>("controller_runtime_active_workers");
        WorkQueueAdds = Meter.CreateCounter<long>("workqueue_adds_total");
        WorkQueueRetries = Meter.CreateCounter<long>("workqueue_retries_total");
        RestClientRequests = Meter.CreateCounter<long>("rest_client_requests_total");
        InformerRelists = Meter.CreateCounter<long>("informer_relists_total");
        WorkQueueQueueDuration = Meter.CreateHistogram<double>("workqueue_queue_duration_seconds", "s");
        WorkQueueWorkDuration = Meter.CreateHistogram<double>("workqueue_work_duration_seconds", "s");

        // Gauges read the live queues when the exporter scrapes, instead of being pushed on every change.
        Meter.CreateObservableGauge("workqueue_depth", () => Observe(q => q.Gauges().Depth));
        Meter.CreateObservableGauge("workqueue_longest_running_processor_seconds", () => Observe(q => q.Gauges().LongestRunningSeconds), "s");
        Meter.CreateObservableGauge("workqueue_unfinished_work_seconds", () => Observe(q => q.Gauges().UnfinishedSeconds), "s");
        // 1 while this process leads, 0 while it is a standby: every candidate reports, not only the leader.
        Meter.CreateObservableGauge("leader_election_master_status", () => _elections.Keys
            .Select(e => new Measurement<int>(e.IsLeader ? 1 : 0, new KeyValuePair<string, object?>("name", e.Options.LeaseName))).ToArray());
    }

    /// <summary>The operator's meter.</summary>
    public Meter Meter { get; }

    /// <summary>Passes by outcome (<c>controller</c>, <c>result</c>: success, error, requeue, requeue_after).</summary>
    public Counter<long> ReconcileTotal { get; }

    /// <summary>Passes that ended in an error (<c>controller</c>).</summary>
    public Counter<long> ReconcileErrors { get; }

    /// <summary>Passes that ended in a terminal error (<c>controller</c>).</summary>
    public Counter<long> TerminalReconcileErrors { get; }

    /// <summary>Pass duration (<c>controller</c>).</summary>
    public Histogram<double> ReconcileTime { get; }

    /// <summary>Workers busy with a pass (<c>controller</c>).</summary>
    public UpDownCounter<long> ActiveWorkers { get; }

    /// <summary>Keys added to a work queue (<c>name</c>, <c>controller</c>).</summary>
    public Counter<long> WorkQueueAdds { get; }

    /// <summary>Rate-limited re-adds (<c>name</c>, <c>controller</c>).</summary>
    public Counter<long> WorkQueueRetries { get; }

    /// <summary>API requests by answer (<c>code</c>, <c>method</c>, <c>host</c>).</summary>
    public Counter<long> RestClientRequests { get; }

    /// <summary>Relists of informers after their resourceVersion expired or their watch failed (<c>resource</c>).</summary>
    public Counter<long> InformerRelists { get; }

    /// <summary>How long items waited in a queue before a worker took them (<c>name</c>, <c>controller</c>).</summary>
    public Histogram<double> WorkQueueQueueDuration { get; }

    /// <summary>How long workers took per item (<c>name</c>, <c>controller</c>).</summary>
    public Histogram<double> WorkQueueWorkDuration { get; }

    internal void Track(IWorkQueueGauges queue) => _queues.TryAdd(queue, 0);

    internal void Untrack(IWorkQueueGauges queue) => _queues.TryRemove(queue, out _);

    internal void Track(LeaderElection election) => _elections.TryAdd(election, 0);

    internal void Untrack(LeaderElection election) => _elections.TryRemove(election, out _);

    private IEnumerable<Measurement<T>> Observe<T>(Func<IWorkQueueGauges, T> read)
        where T : struct =>
        _queues.Keys.Select(q => new Measurement<T>(read(q), q.Tags)).ToArray();
}
