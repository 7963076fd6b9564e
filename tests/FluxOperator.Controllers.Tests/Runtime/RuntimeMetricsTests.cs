using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.Controllers.Tests.Runtime;

public sealed class RuntimeMetricsTests : IDisposable
{
    private readonly ServiceProvider _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RuntimeMetrics _metrics;

    public RuntimeMetricsTests() => _metrics = new RuntimeMetrics(_meterServices.GetRequiredService<IMeterFactory>());

    public void Dispose() => _meterServices.Dispose();

    [Fact]
    public async Task Queue_gauges_report_depth_and_the_longest_running_item_per_queue()
    {
        var time = new FakeTimeProvider();
        var name = $"metrics-{Guid.NewGuid():N}";
        using var queue = new WorkQueue<string>(new ExponentialBackoff<string>(), time, name, _metrics);
        queue.Add("a");
        queue.Add("b");
        queue.Add("c");
        var (_, first) = await queue.GetAsync();
        time.Advance(TimeSpan.FromSeconds(3));
        await queue.GetAsync();
        time.Advance(TimeSpan.FromSeconds(1));

        var seen = Observe(name);

        Assert.Equal(1, seen["workqueue_depth"]);
        Assert.Equal(4, seen["workqueue_longest_running_processor_seconds"]);
        Assert.Equal(5, seen["workqueue_unfinished_work_seconds"]);
        queue.Done(first);
        Assert.Equal(1, Observe(name)["workqueue_longest_running_processor_seconds"]);
    }

    [Fact]
    public void Disposed_queue_is_no_longer_reported()
    {
        var name = $"metrics-{Guid.NewGuid():N}";
        var queue = new WorkQueue<string>(new ExponentialBackoff<string>(), TimeProvider.System, name, _metrics);
        queue.Add("a");
        Assert.Equal(1, Observe(name)["workqueue_depth"]);

        queue.Dispose();

        Assert.DoesNotContain("workqueue_depth", Observe(name).Keys);
    }

    private Dictionary<string, double> Observe(string queueName)
    {
        var seen = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == _metrics.Meter && instrument.Name.StartsWith("workqueue_", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "name" && Equals(tag.Value, queueName))
                {
                    seen[instrument.Name] = value;
                }
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        listener.RecordObservableInstruments();
        return seen;
    }
}
