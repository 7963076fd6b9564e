using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// The runtime's instruments, named as controller-runtime and client-go name theirs so that the Flux dashboards
/// and alert rules read them unchanged. The host exports <see cref="MeterName"/>.
/// </summary>
public static class RuntimeMetrics
{
    /// <summary>The meter the host subscribes to.</summary>
    public const string MeterName = "FluxOperator.Runtime";

    private static readonly ConcurrentDictionary<IWorkQueueGauges, byte> Queues = new();
    private static readonly ConcurrentDictionary<LeaderElection, byte> Elections = new();

    static RuntimeMetrics()
    {
        // Gauges read the live queues when the exporter scrapes, instead of being pushed on every change.
        Meter.CreateObservableGauge("workqueue_depth", () => Observe(q => q.Gauges().Depth));
        Meter.CreateObservableGauge("workqueue_longest_running_processor_seconds", () => Observe(q => q.Gauges().LongestRunningSeconds), "s");
        Meter.CreateObservableGauge("workqueue_unfinished_work_seconds", () => Observe(q => q.Gauges().UnfinishedSeconds), "s");
        // 1 while this process leads, 0 while it is a standby: every candidate reports, not only the leader.
        Meter.CreateObservableGauge("leader_election_master_status", () => Elections.Keys
            .Select(e => new Measurement<int>(e.IsLeader ? 1 : 0, new KeyValuePair<string, object?>("name", e.Options.LeaseName))).ToArray());
    }

    /// <summary>The runtime's meter.</summary>
    public static Meter Meter { get; } = new(MeterName);

    /// <summary>Passes by outcome (<c>controller</c>, <c>result</c>: success, error, requeue, requeue_after).</summary>
    public static Counter<long> ReconcileTotal { get; } = Meter.CreateCounter<long>("controller_runtime_reconcile_total");

    /// <summary>Passes that ended in an error (<c>controller</c>).</summary>
    public static Counter<long> ReconcileErrors { get; } = Meter.CreateCounter<long>("controller_runtime_reconcile_errors_total");

    /// <summary>Passes that ended in a terminal error (<c>controller</c>).</summary>
    public static Counter<long> TerminalReconcileErrors { get; } = Meter.CreateCounter<long>("controller_runtime_terminal_reconcile_errors_total");

    /// <summary>Pass duration (<c>controller</c>).</summary>
    public static Histogram<double> ReconcileTime { get; } = Meter.CreateHistogram<double>(
        "controller_runtime_reconcile_time_seconds", "s", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
                1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60],
        });

    /// <summary>Workers busy with a pass (<c>controller</c>).</summary>
    public static UpDownCounter<long> ActiveWorkers { get; } = Meter.CreateUpDownCounter<long>("controller_runtime_active_workers");

    /// <summary>Keys added to a work queue (<c>name</c>, <c>controller</c>).</summary>
    public static Counter<long> WorkQueueAdds { get; } = Meter.CreateCounter<long>("workqueue_adds_total");

    /// <summary>Rate-limited re-adds (<c>name</c>, <c>controller</c>).</summary>
    public static Counter<long> WorkQueueRetries { get; } = Meter.CreateCounter<long>("workqueue_retries_total");

    /// <summary>API requests by answer (<c>code</c>, <c>method</c>, <c>host</c>).</summary>
    public static Counter<long> RestClientRequests { get; } = Meter.CreateCounter<long>("rest_client_requests_total");

    /// <summary>Relists of informers after their resourceVersion expired or their watch failed (<c>resource</c>).</summary>
    public static Counter<long> InformerRelists { get; } = Meter.CreateCounter<long>("informer_relists_total");


    /// <summary>How long items waited in a queue before a worker took them (<c>name</c>, <c>controller</c>).</summary>
    public static Histogram<double> WorkQueueQueueDuration { get; } = Meter.CreateHistogram<double>("workqueue_queue_duration_seconds", "s");

    /// <summary>How long workers took per item (<c>name</c>, <c>controller</c>).</summary>
    public static Histogram<double> WorkQueueWorkDuration { get; } = Meter.CreateHistogram<double>("workqueue_work_duration_seconds", "s");

    internal static void Track(IWorkQueueGauges queue) => Queues.TryAdd(queue, 0);

    internal static void Untrack(IWorkQueueGauges queue) => Queues.TryRemove(queue, out _);

    internal static void Track(LeaderElection election) => Elections.TryAdd(election, 0);

    internal static void Untrack(LeaderElection election) => Elections.TryRemove(election, out _);

    private static IEnumerable<Measurement<T>> Observe<T>(Func<IWorkQueueGauges, T> read)
        where T : struct =>
        Queues.Keys.Select(q => new Measurement<T>(read(q), q.Tags)).ToArray();
}
