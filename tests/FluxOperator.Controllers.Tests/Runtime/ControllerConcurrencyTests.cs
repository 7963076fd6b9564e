using System.Collections.Concurrent;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Runtime;

public class ControllerConcurrencyTests
{
    [Fact]
    public async Task Under_concurrent_adds_no_key_runs_twice_at_once_and_no_add_is_lost()
    {
        var reconciler = new TrackingReconciler();
        using var controller = new Controller("stress", reconciler, new ControllerOptions { MaxConcurrentReconciles = 8 });
        using var stop = new CancellationTokenSource();
        var running = controller.RunAsync(stop.Token);
        var keys = Enumerable.Range(0, 20).Select(i => new ObjectKey("ns", $"k{i}")).ToArray();
        var lastAdd = new ConcurrentDictionary<ObjectKey, long>();

        var producers = Enumerable.Range(0, 4).Select(p => Task.Run(async () =>
        {
            var random = new Random(p);
            for (var i = 0; i < 500; i++)
            {
                var key = keys[random.Next(keys.Length)];
                // Stamp before adding: a pass that starts after this stamp has seen this change.
                lastAdd[key] = reconciler.Stamp();
                controller.Queue.Add(key);
                if (i % 16 == 0)
                {
                    await Task.Yield();
                }
            }
        })).ToArray();
        await Task.WhenAll(producers);
        await Eventually.True(() => controller.Queue.Length == 0 && controller.Queue.ProcessingCount == 0, "the queue drained", 30_000);

        Assert.Equal(1, reconciler.MaxConcurrentPerKey);
        Assert.All(lastAdd, added => Assert.True(reconciler.LastStart(added.Key) > added.Value, $"{added.Key} missed its last add"));
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class TrackingReconciler : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, int> _inFlight = new();
        private readonly ConcurrentDictionary<ObjectKey, long> _lastStart = new();
        private long _clock;
        private int _max;

        public int MaxConcurrentPerKey => Volatile.Read(ref _max);

        public long Stamp() => Interlocked.Increment(ref _clock);

        public long LastStart(ObjectKey key) => _lastStart.GetValueOrDefault(key);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            _lastStart[key] = Stamp();
            var now = _inFlight.AddOrUpdate(key, 1, (_, v) => v + 1);
            int seen;
            do
            {
                seen = Volatile.Read(ref _max);
            }
            while (now > seen && Interlocked.CompareExchange(ref _max, now, seen) != seen);

            await Task.Yield();
            _inFlight.AddOrUpdate(key, 0, (_, v) => v - 1);
            return ReconcileResult.Done;
        }
    }
}
