using System.Collections.Concurrent;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.Controllers.Tests.Runtime;

public sealed class ControllerTests : IAsyncDisposable
{
    private static readonly ObjectKey A = new("ns", "a");
    private static readonly ObjectKey B = new("ns", "b");
    private readonly FakeTimeProvider _time = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ScriptedReconciler _reconciler = new();
    private Task? _running;

    private Controller Start(int workers = 1)
    {
        var controller = new Controller("test", _reconciler, new ControllerOptions { MaxConcurrentReconciles = workers }, _time);
        _running = controller.RunAsync(_stop.Token);
        return controller;
    }

    public async ValueTask DisposeAsync()
    {
        _reconciler.ReleaseAll();
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task One_key_is_never_in_two_workers_and_adds_during_a_pass_collapse_into_one_more_pass()
    {
        _reconciler.Hold = true;
        var controller = Start(workers: 4);
        controller.Queue.Add(A);
        await Eventually.True(() => _reconciler.Started(A) == 1, "the first pass started");

        for (var i = 0; i < 5; i++)
        {
            controller.Queue.Add(A);
        }

        // Adds are decided synchronously: A is marked for one more pass but is not ready for any worker.
        Assert.Equal(0, controller.Queue.Length);
        Assert.Equal(1, controller.Queue.ProcessingCount);
        Assert.Equal(1, _reconciler.Started(A));

        _reconciler.ReleaseAll();
        _reconciler.Hold = false;
        await Eventually.True(() => _reconciler.Finished(A) == 2 && controller.Queue.ProcessingCount == 0, "the collapsed second pass ran");
        Assert.Equal(0, controller.Queue.Length); // idle: no third pass can start without a new add
        Assert.Equal(2, _reconciler.Started(A));
        Assert.Equal(1, _reconciler.MaxInFlight(A));
    }

    [Fact]
    public async Task Different_keys_run_in_parallel_up_to_the_worker_count()
    {
        _reconciler.Hold = true;
        var controller = Start(workers: 2);
        controller.Queue.Add(A);
        controller.Queue.Add(B);
        controller.Queue.Add(new ObjectKey("ns", "c"));

        await Eventually.True(() => _reconciler.InFlight == 2, "two passes run at once");
        // Both workers hold their pass, so the third key stays ready in the queue.
        Assert.Equal(1, controller.Queue.Length);
        Assert.Equal(2, controller.Queue.ProcessingCount);
        Assert.Equal(2, _reconciler.InFlight);
    }

    [Fact]
    public async Task Throwing_pass_is_retried_with_growing_backoff_and_success_forgets_it()
    {
        _reconciler.Script(A, _ => throw new InvalidOperationException("boom"));
        var controller = Start();
        controller.Queue.Add(A);

        await Eventually.True(() => controller.Queue.Failures(A) == 1 && controller.Queue.DelayedCount == 1, "the first failure is backed off");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => controller.Queue.Failures(A) == 2 && controller.Queue.DelayedCount == 1, "the retry failed again");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        // The fake clock fires due timers inside Advance: still delayed means the second step is 10 ms, not 5.
        Assert.Equal(1, controller.Queue.DelayedCount);
        Assert.Equal(2, _reconciler.Started(A));

        _reconciler.Script(A, _ => ReconcileResult.Done);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => _reconciler.Started(A) == 3 && controller.Queue.Failures(A) == 0, "success forgot the backoff");
        Assert.Equal(0, controller.Queue.DelayedCount);
    }

    [Fact]
    public async Task Terminal_error_is_not_retried_and_keeps_the_failure_count()
    {
        _reconciler.Script(A, n => n == 1 ? throw new InvalidOperationException("transient") : throw new TerminalException("bad spec"));
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => controller.Queue.DelayedCount == 1, "the transient failure is backed off");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => _reconciler.Finished(A) == 2 && controller.Queue.ProcessingCount == 0, "the terminal pass finished");

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, controller.Queue.Length); // nothing scheduled, nothing ready
        Assert.Equal(2, _reconciler.Started(A));
        Assert.Equal(0, controller.Queue.DelayedCount);
        Assert.Equal(1, controller.Queue.Failures(A));

        controller.Queue.Add(A); // a new event brings it back
        await Eventually.True(() => _reconciler.Started(A) == 3, "a new event reconciles again");
    }

    [Fact]
    public async Task Requeue_after_runs_again_after_the_delay_and_resets_the_backoff()
    {
        _reconciler.Script(A, n => n == 1 ? throw new InvalidOperationException("once") : ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1)));
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => controller.Queue.DelayedCount == 1, "backed off");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => _reconciler.Finished(A) == 2 && controller.Queue.DelayedCount == 1, "the requeue is scheduled");
        Assert.Equal(0, controller.Queue.Failures(A));

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, controller.Queue.DelayedCount); // not due: the fake clock fires due timers inside Advance
        Assert.Equal(2, _reconciler.Started(A));
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => _reconciler.Started(A) == 3, "the periodic pass ran");
    }

    [Fact]
    public async Task Jittered_requeue_lands_within_the_spread()
    {
        _reconciler.Script(A, n => n == 1 ? ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10), 0.5) : ReconcileResult.Done);
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => controller.Queue.DelayedCount == 1, "the requeue is scheduled");

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(1, controller.Queue.DelayedCount); // not due: the fake clock fires due timers inside Advance
        Assert.Equal(1, _reconciler.Started(A));
        _time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
        await Eventually.True(() => _reconciler.Started(A) == 2, "the jittered pass ran by 15 minutes");
    }

    [Fact]
    public async Task Requeue_goes_through_the_rate_limiter()
    {
        _reconciler.Script(A, n => n < 3 ? ReconcileResult.Requeue : ReconcileResult.Done);
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => controller.Queue.DelayedCount == 1 && controller.Queue.Failures(A) == 1, "first requeue");
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually.True(() => controller.Queue.Failures(A) == 2, "second requeue");
        _time.Advance(TimeSpan.FromMilliseconds(10));
        await Eventually.True(() => _reconciler.Finished(A) == 3 && controller.Queue.Failures(A) == 0, "done forgets");
    }

    [Fact]
    public async Task Stopping_starts_no_new_pass_and_cancels_in_flight_passes_after_the_grace_period()
    {
        _reconciler.Hold = true;
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => _reconciler.Started(A) == 1, "a pass is in flight");
        controller.Queue.Add(B);

        await _stop.CancelAsync(); // returns after the stop callback shut the queue and set the grace timer
        Assert.True(controller.Queue.IsShuttingDown);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(_running!.IsCompleted);
        Assert.False(_reconciler.LastToken(A).IsCancellationRequested);

        _time.Advance(TimeSpan.FromSeconds(1));
        await _running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(_reconciler.LastToken(A).IsCancellationRequested);
        Assert.Equal(0, _reconciler.Started(B));
    }

    [Fact]
    public async Task Pass_that_finishes_within_the_grace_period_ends_the_run_cleanly()
    {
        _reconciler.Hold = true;
        var controller = Start();
        controller.Queue.Add(A);
        await Eventually.True(() => _reconciler.Started(A) == 1, "a pass is in flight");

        await _stop.CancelAsync();
        _reconciler.ReleaseAll();
        await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _reconciler.Finished(A));
        Assert.False(_reconciler.LastToken(A).IsCancellationRequested);
    }

    [Fact]
    public async Task Workers_wait_for_the_informers_and_fail_when_the_caches_never_sync()
    {
        using var kubernetes = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:9" });
        var informer = new Informer(new FluxOperator.Controllers.Runtime.Kube.KubeApiClient(kubernetes),
            new FluxOperator.Controllers.Primitives.ResourceType("example.com", "v1", "Widget", "widgets", false)); // never run
        using var controller = new Controller("unsynced", _reconciler, new ControllerOptions { CacheSyncTimeout = TimeSpan.FromMinutes(2) }, _time);
        using var feed = controller.Watch(informer);
        controller.Queue.Add(A);

        var run = controller.RunAsync(CancellationToken.None); // arms the sync timeout before its first await
        _time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);
        Assert.Equal(0, _reconciler.Started(A));
        Assert.Equal(1, controller.Queue.Length);

        _time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<TimeoutException>(() => run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("widgets.example.com", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _reconciler.Started(A));
    }

    /// <summary>A reconciler whose answers are scripted per key; it can hold passes open until released.</summary>
    private sealed class ScriptedReconciler : IReconciler
    {
        private readonly ConcurrentDictionary<ObjectKey, Func<int, ReconcileResult>> _scripts = new();
        private readonly ConcurrentDictionary<ObjectKey, int> _started = new();
        private readonly ConcurrentDictionary<ObjectKey, int> _finished = new();
        private readonly ConcurrentDictionary<ObjectKey, int> _inFlightByKey = new();
        private readonly ConcurrentDictionary<ObjectKey, int> _maxInFlight = new();
        private readonly ConcurrentDictionary<ObjectKey, CancellationToken> _tokens = new();
        private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public volatile bool Hold;

        public int InFlight => Volatile.Read(ref _inFlight);

        public void Script(ObjectKey key, Func<int, ReconcileResult> script) => _scripts[key] = script;

        public int Started(ObjectKey key) => _started.GetValueOrDefault(key);

        public int Finished(ObjectKey key) => _finished.GetValueOrDefault(key);

        public int MaxInFlight(ObjectKey key) => _maxInFlight.GetValueOrDefault(key);

        public CancellationToken LastToken(ObjectKey key) => _tokens[key];

        public void ReleaseAll() => Interlocked.Exchange(ref _release, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            _tokens[key] = cancellationToken;
            var n = _started.AddOrUpdate(key, 1, (_, v) => v + 1);
            Interlocked.Increment(ref _inFlight);
            var concurrent = _inFlightByKey.AddOrUpdate(key, 1, (_, v) => v + 1);
            _maxInFlight.AddOrUpdate(key, concurrent, (_, v) => Math.Max(v, concurrent));
            try
            {
                if (Hold)
                {
                    await Volatile.Read(ref _release).Task.WaitAsync(cancellationToken);
                }

                return _scripts.TryGetValue(key, out var script) ? script(n) : ReconcileResult.Done;
            }
            finally
            {
                _inFlightByKey.AddOrUpdate(key, 0, (_, v) => v - 1);
                Interlocked.Decrement(ref _inFlight);
                _finished.AddOrUpdate(key, 1, (_, v) => v + 1);
            }
        }
    }
}
