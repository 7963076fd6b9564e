using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// The generic controller loop: informer events become keys on a de-duplicating work queue, and up to
/// <see cref="ControllerOptions.MaxConcurrentReconciles"/> workers hand the keys to the reconciler once every
/// watched informer has synced. The pass's result (or exception) decides whether and when the key comes back.
/// </summary>
public sealed partial class Controller : IDisposable
{
    private readonly IReconciler _reconciler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly List<Informer> _informers = [];
    private readonly Dictionary<ObjectKey, CancellationTokenSource> _inFlight = [];
    private readonly KeyValuePair<string, object?> _controllerTag;
    private int _started;
    private readonly RuntimeMetrics? _metrics;

    /// <summary>Creates a controller; it does nothing until <see cref="RunAsync"/>.</summary>
    public Controller(string name, IReconciler reconciler, ControllerOptions? options = null, TimeProvider? timeProvider = null, ILogger<Controller>? logger = null,
        RuntimeMetrics? metrics = null)
        : this(name, reconciler, options, timeProvider, logger, queue: null, metrics)
    {
    }

    /// <summary>Creates a controller on a queue made beforehand (so collaborators of the reconciler can feed it).</summary>
    internal Controller(string name, IReconciler reconciler, ControllerOptions? options, TimeProvider? timeProvider, ILogger<Controller>? logger, WorkQueue<ObjectKey>? queue,
        RuntimeMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _reconciler = reconciler ?? throw new ArgumentNullException(nameof(reconciler));
        Options = options ?? new ControllerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConcurrentReconciles, 1);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _controllerTag = new("controller", name);
        _metrics = metrics;
        Queue = queue ?? NewQueue(name, Options, _time, metrics);
    }

    /// <summary>A work queue with the controller's retry backoff.</summary>
    internal static WorkQueue<ObjectKey> NewQueue(string name, ControllerOptions options, TimeProvider time, RuntimeMetrics? metrics) =>
        new(new ExponentialBackoff<ObjectKey>(options.MinRetryDelay, options.MaxRetryDelay), time, name, metrics);

    /// <summary>The controller name (metrics and log label).</summary>
    public string Name { get; }

    /// <summary>How the controller runs.</summary>
    public ControllerOptions Options { get; }

    /// <summary>The work queue; other sources (timers, related objects) may add keys to it.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Enqueues keys for the changes <paramref name="informer"/> sees: the object's own key by default, or the keys
    /// <paramref name="map"/> returns; <paramref name="predicate"/> filters events first. With
    /// <paramref name="interrupt"/>, an event for a key whose pass is running also fires that pass's
    /// <see cref="ReconcileRequest.Superseded"/> token. Workers wait for the first sync of the informers watched
    /// before <see cref="RunAsync"/>; informers added later (drift watches on kinds discovered at run time) just
    /// start feeding the queue. The caller runs the informer; disposing the result stops the feed and forgets the
    /// informer.
    /// </summary>
    public IDisposable Watch(Informer informer, Func<InformerEvent, bool>? predicate = null, Func<InformerEvent, IEnumerable<ObjectKey>>? map = null, bool interrupt = false)
    {
        ArgumentNullException.ThrowIfNull(informer);
        lock (_informers)
        {
            _informers.Add(informer);
        }

        var subscription = informer.Subscribe(e =>
        {
            if (predicate is not null && !predicate(e))
            {
                return;
            }

            foreach (var key in map is null ? [e.Key] : map(e))
            {
                Queue.Add(key);
                if (interrupt)
                {
                    Supersede(key);
                }
            }
        });
        return new Feed(this, informer, subscription);
    }

    /// <summary>
    /// Waits for the watched informers to sync, then runs the workers until <paramref name="cancellationToken"/>
    /// fires. Stopping starts no new pass; in-flight passes get <see cref="ControllerOptions.ShutdownGracePeriod"/>
    /// before their token is cancelled, and the call returns when they have finished.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException($"controller {Name} is already running");
        }

        Informer[] watched;
        lock (_informers)
        {
            watched = [.. _informers];
        }

        LogWaitingForSync(_logger, Name, watched.Length);
        try
        {
            await Task.WhenAll(watched.Select(i => i.WaitForSyncAsync(cancellationToken)))
                .WaitAsync(Options.CacheSyncTimeout, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Queue.ShutDown();
            return;
        }
        catch (TimeoutException)
        {
            Queue.ShutDown();
            var pending = string.Join(", ", watched.Where(i => !i.HasSynced).Select(i => i.Type.ToString()));
            throw new TimeoutException($"controller {Name}: timed out waiting for the caches of {pending} to sync");
        }

        using var passes = new CancellationTokenSource();
        ITimer? grace = null;
        await using var stop = cancellationToken.Register(() =>
        {
            Queue.ShutDown();
            grace = _time.CreateTimer(_ => CancelQuietly(passes), null, Options.ShutdownGracePeriod, Timeout.InfiniteTimeSpan);
        });

        LogStarting(_logger, Name, Options.MaxConcurrentReconciles);
        var workers = Enumerable.Range(0, Options.MaxConcurrentReconciles).Select(_ => Task.Run(() => WorkAsync(passes.Token), CancellationToken.None));
        await Task.WhenAll(workers);
        grace?.Dispose();
        LogStopped(_logger, Name);
    }

    /// <inheritdoc />
    public void Dispose() => Queue.Dispose();

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The workers finished within the grace period; nothing is left to cancel.
        }
    }

    private async Task WorkAsync(CancellationToken passToken)
    {
        while (true)
        {
            var (ok, key) = await Queue.GetAsync(CancellationToken.None);
            if (!ok)
            {
                return;
            }

            try
            {
                await ProcessAsync(key, passToken);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    // Runs on the informer's dispatch thread: the flag is set at once, the pass's callbacks run on the thread pool.
    private void Supersede(ObjectKey key)
    {
        CancellationTokenSource? pass;
        lock (_inFlight)
        {
            _inFlight.TryGetValue(key, out pass);
        }

        try
        {
            _ = pass?.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // The pass ended between the lookup and the cancel: the queued key starts a new one.
        }
    }

    private void Forget(Informer informer)
    {
        lock (_informers)
        {
            _informers.Remove(informer);
        }
    }

    private async Task ProcessAsync(ObjectKey key, CancellationToken passToken)
    {
        using var scope = _logger.BeginScope(new ReconcileScope(Name, key));
        using var superseded = new CancellationTokenSource();
        lock (_inFlight)
        {
            _inFlight[key] = superseded;
        }
        var started = _time.GetTimestamp();
        _metrics?.ActiveWorkers.Add(1, _controllerTag);
        string result;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(new ReconcileRequest(key, superseded.Token), passToken);
            result = Handle(key, outcome);
        }
        catch (TerminalException e)
        {
            // Not re-queued and the backoff is kept: only a new event brings the key back.
            result = "error";
            _metrics?.TerminalReconcileErrors.Add(1, _controllerTag);
            _metrics?.ReconcileErrors.Add(1, _controllerTag);
            LogTerminal(_logger, Name, key.ToString(), e.Message);
        }
        catch (OperationCanceledException) when (passToken.IsCancellationRequested)
        {
            result = "error";
            LogCancelled(_logger, Name, key.ToString());
        }
        catch (Exception e)
        {
            // A throwing pass is an error outcome, never a crash of the worker.
            result = "error";
            _metrics?.ReconcileErrors.Add(1, _controllerTag);
            Queue.AddRateLimited(key);
            if (ReconcileError.IsAnticipated(e))
            {
                LogFailed(_logger, Name, key.ToString(), Queue.Failures(key), e.Message);
            }
            else
            {
                LogBug(_logger, e, Name, key.ToString(), Queue.Failures(key));
            }
        }
        finally
        {
            lock (_inFlight)
            {
                _inFlight.Remove(key);
            }

            _metrics?.ActiveWorkers.Add(-1, _controllerTag);
        }

        var elapsed = _time.GetElapsedTime(started);
        _metrics?.ReconcileTotal.Add(1, _controllerTag, new("result", result));
        _metrics?.ReconcileTime.Record(elapsed.TotalSeconds, _controllerTag);
        Activity.Current?.SetTag("reconcile.result", result);
    }

    private string Handle(ObjectKey key, ReconcileResult outcome)
    {
        switch (outcome.Outcome)
        {
            case ReconcileOutcome.Requeue:
                Queue.AddRateLimited(key);
                LogDone(_logger, Name, key.ToString(), outcome.ToString());
                return "requeue";
            case ReconcileOutcome.RequeueAfter:
                Queue.Forget(key);
                var delay = Jitter.Spread(outcome.Delay, outcome.Jitter, Random.Shared);
                Queue.AddAfter(key, delay);
                LogRequeueAfter(_logger, Name, key.ToString(), delay);
                return "requeue_after";
            default:
                Queue.Forget(key);
                LogDone(_logger, Name, key.ToString(), outcome.ToString());
                return "success";
        }
    }

    private sealed class Feed(Controller controller, Informer informer, IDisposable subscription) : IDisposable
    {
        public void Dispose()
        {
            subscription.Dispose();
            controller.Forget(informer);
        }
    }
}
