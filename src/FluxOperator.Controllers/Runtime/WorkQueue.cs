using System.Diagnostics;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// client-go's rate-limited, delaying work queue: an item is handed to one worker at a time, adds of an item that
/// is already waiting collapse into one, an item added while it is being processed is handed out again once the
/// worker calls <see cref="Done"/>, and delayed adds keep only the earliest due time.
/// </summary>
/// <remarks>
/// One deliberate difference: after <see cref="ShutDown"/> no further item is handed out (client-go still drains
/// the queue), so a stopping process starts no new pass.
/// </remarks>
public sealed partial class WorkQueue<T> : IDisposable, IWorkQueueGauges
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    // Values are when the item was marked dirty / handed out, as TimeProvider timestamps, for the queue metrics.
    private readonly Dictionary<T, long> _dirty = [];
    private readonly Dictionary<T, long> _processing = [];
    private readonly Dictionary<T, Delayed> _delayed = [];
    private readonly Dictionary<T, CancellationTokenSource> _readded = [];
    private readonly Queue<TaskCompletionSource<bool>> _getters = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IRateLimiter<T> _rateLimiter;
    private readonly TimeProvider _time;
    private readonly TagList _tags;
    private readonly RuntimeMetrics? _metrics;
    private bool _shuttingDown;

    /// <summary>Creates a queue.</summary>
    /// <param name="rateLimiter">Backoff for <see cref="AddRateLimited"/>.</param>
    /// <param name="timeProvider">Clock for delayed adds.</param>
    /// <param name="name">Name for metrics (the controller name).</param>
    /// <param name="metrics">Where the queue reports its depth, adds and latencies; nothing is measured without.</param>
    public WorkQueue(IRateLimiter<T> rateLimiter, TimeProvider timeProvider, string name = "", RuntimeMetrics? metrics = null)
    {
        _rateLimiter = rateLimiter ?? throw new ArgumentNullException(nameof(rateLimiter));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Name = name;
        _tags = new TagList { { "name", name }, { "controller", name } };
        _metrics = metrics;
        _metrics?.Track(this);
    }

    /// <summary>The queue's name.</summary>
    public string Name { get; }

    /// <summary>Items ready to be handed out (neither delayed nor being processed).</summary>
    public int Length
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Items whose delayed add has not come due yet.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _delayed.Count;
            }
        }
    }

    /// <summary>Items handed out and not yet <see cref="Done"/>.</summary>
    public int ProcessingCount
    {
        get
        {
            lock (_gate)
            {
                return _processing.Count;
            }
        }
    }

    /// <summary>Whether <see cref="ShutDown"/> was called.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Marks <paramref name="item"/> as needing processing. Ignored after shutdown.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Adds <paramref name="item"/> after its next backoff step (one more failure is recorded).</summary>
    public void AddRateLimited(T item)
    {
        _metrics?.WorkQueueRetries.Add(1, _tags);
        AddAfter(item, _rateLimiter.When(item));
    }

    /// <summary>Clears the backoff of <paramref name="item"/> (its pass succeeded). Does not remove it from the queue.</summary>
    public void Forget(T item) => _rateLimiter.Forget(item);

    /// <summary>How many failures in a row <paramref name="item"/> has.</summary>
    public int Failures(T item) => _rateLimiter.Failures(item);

    /// <summary>
    /// A token that fires when <paramref name="item"/> is added again while it is being processed, so a long wait
    /// inside its pass (a health check) can end early and let the fresh pass run. <see cref="CancellationToken.None"/>
    /// when the item is not being processed.
    /// </summary>
    public CancellationToken ReaddedToken(T item)
    {
        lock (_gate)
        {
            if (!_processing.ContainsKey(item))
            {
                return CancellationToken.None;
            }

            if (_dirty.ContainsKey(item))
            {
                return new CancellationToken(canceled: true);
            }

            if (!_readded.TryGetValue(item, out var source))
            {
                source = new CancellationTokenSource();
                _readded[item] = source;
            }

            return source.Token;
        }
    }

    /// <summary>
    /// Waits for the next item and marks it as being processed; the caller must call <see cref="Done"/>.
    /// Returns <c>(false, default)</c> once the queue is shut down.
    /// </summary>
    public async Task<(bool Ok, T Item)> GetAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TaskCompletionSource<bool> getter;
            lock (_gate)
            {
                if (_shuttingDown)
                {
                    return (false, default!);
                }

                if (_queue.TryDequeue(out var item))
                {
                    var now = _time.GetTimestamp();
                    _processing[item] = now;
                    if (_dirty.Remove(item, out var since))
                    {
                        _metrics?.WorkQueueQueueDuration.Record(_time.GetElapsedTime(since, now).TotalSeconds, _tags);
                    }

                    return (true, item);
                }

                getter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                _getters.Enqueue(getter);
            }

            await using (cancellationToken.Register(() => getter.TrySetCanceled(cancellationToken)))
            {
                await getter.Task;
            }
        }
    }

    /// <summary>Ends the processing of <paramref name="item"/>; if it was added meanwhile it is queued again.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            // Not disposed: a CancelAsync may still be running its callbacks; a source without timer holds nothing.
            _readded.Remove(item);
            if (_processing.Remove(item, out var started))
            {
                _metrics?.WorkQueueWorkDuration.Record(_time.GetElapsedTime(started).TotalSeconds, _tags);
            }

            if (_dirty.ContainsKey(item) && !_shuttingDown)
            {
                _queue.Enqueue(item);
                WakeOne();
            }

            if (_shuttingDown && _processing.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Stops handing out items, drops pending delayed adds and releases every waiting <see cref="GetAsync"/>.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            foreach (var pending in _delayed.Values)
            {
                pending.Timer.Dispose();
            }

            _delayed.Clear();
            while (_getters.TryDequeue(out var getter))
            {
                getter.TrySetResult(false);
            }

            if (_processing.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Shuts down and waits until every item handed out is <see cref="Done"/>.</summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken = default)
    {
        ShutDown();
        return _drained.Task.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ShutDown();
        _metrics?.Untrack(this);
    }

    /// <summary>The queue's gauges right now: depth, the longest-running item and the total in-flight time.</summary>
    (int Depth, double LongestRunningSeconds, double UnfinishedSeconds) IWorkQueueGauges.Gauges()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            double longest = 0, total = 0;
            foreach (var started in _processing.Values)
            {
                var seconds = _time.GetElapsedTime(started, now).TotalSeconds;
                longest = Math.Max(longest, seconds);
                total += seconds;
            }

            return (_queue.Count, longest, total);
        }
    }

    /// <inheritdoc />
    TagList IWorkQueueGauges.Tags => _tags;

    private void AddLocked(T item)
    {
        if (_shuttingDown || !_dirty.TryAdd(item, _time.GetTimestamp()))
        {
            return;
        }

        _metrics?.WorkQueueAdds.Add(1, _tags);
        if (_processing.ContainsKey(item))
        {
            if (_readded.Remove(item, out var readded))
            {
                // Callbacks run on the thread pool, never under the queue's lock.
                _ = readded.CancelAsync();
            }

            return; // handed out again by Done
        }

        _queue.Enqueue(item);
        WakeOne();
    }

    private void WakeOne()
    {
        // A getter whose caller gave up is already cancelled; skip it so the wake-up is not lost.
        while (_getters.TryDequeue(out var getter))
        {
            if (getter.TrySetResult(true))
            {
                return;
            }
        }
    }
}
