using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Keeps a cache of one collection in step with the API server (client-go's reflector and shared informer):
/// a paginated list, then a watch with bookmarks that resumes from the last seen resourceVersion, a fresh list
/// when that version has expired (410), and reconnects with a capped, jittered backoff. Every change is handed
/// to the subscribers; <see cref="WaitForSyncAsync"/> completes after the first full list.
/// </summary>
public sealed partial class Informer
{
    private readonly IKubeClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _dispatchGate = new();
    private readonly List<Action<InformerEvent>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExponentialBackoff<string> _reconnect;
    private readonly Random _random = new();
    private int _running;
    private readonly RuntimeMetrics? _metrics;

    /// <summary>Creates an informer; nothing is read until <see cref="RunAsync"/>.</summary>
    public Informer(IKubeClient client, ResourceType type, InformerOptions? options = null, TimeProvider? timeProvider = null, ILogger<Informer>? logger = null,
        RuntimeMetrics? metrics = null)
    {
        _metrics = metrics;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Options = options ?? new InformerOptions();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _reconnect = new ExponentialBackoff<string>(Options.ReconnectBaseDelay, Options.ReconnectMaxDelay);
    }

    /// <summary>The watched resource.</summary>
    public ResourceType Type { get; }

    /// <summary>What is watched and how.</summary>
    public InformerOptions Options { get; }

    /// <summary>The objects seen so far.</summary>
    public ObjectCache Cache { get; } = new();

    /// <summary>Whether the first full list has been stored.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>The resourceVersion the cache is at.</summary>
    public string? ResourceVersion { get; private set; }

    /// <summary>How many full lists were made (the first one included).</summary>
    public int ListCount { get; private set; }

    /// <summary>Completes once the first full list is in the cache.</summary>
    public Task WaitForSyncAsync(CancellationToken cancellationToken = default) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>
    /// Adds a handler of changes. Objects already cached are replayed to it as <see cref="InformerEventType.Added"/>
    /// first, so a late subscriber misses nothing. Handlers run on the informer's loop: keep them short (enqueue a key).
    /// </summary>
    public IDisposable Subscribe(Action<InformerEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_dispatchGate)
        {
            _handlers.Add(handler);
            foreach (var key in Cache.Keys)
            {
                if (Cache.Peek(key) is { } obj)
                {
                    Invoke(handler, new InformerEvent(InformerEventType.Added, obj));
                }
            }
        }

        return new Subscription(this, handler);
    }

    /// <summary>Lists and watches until <paramref name="cancellationToken"/> fires. An informer runs once.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"the informer for {Type} is already running");
        }

        var needList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    await RelistAsync(cancellationToken);
                    needList = false;
                }

                if (await WatchOnceAsync(cancellationToken))
                {
                    _reconnect.Forget(nameof(Informer));
                    continue; // a stream that delivered something and then ended: resume at once
                }

                // The stream closed without a single event: treat as a failure so a flapping server is not hammered.
                await DelayAsync(Jitter.Up(_reconnect.When(nameof(Informer)), Options.ReconnectJitter, _random), cancellationToken);
            }
            catch (KubeApiException e) when (e.IsGone)
            {
                LogExpired(_logger, Type.ToString(), ResourceVersion, e.Message);
                _metrics?.InformerRelists.Add(1, new KeyValuePair<string, object?>("resource", Type.ToString()));
                needList = true;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                var delay = Jitter.Up(_reconnect.When(nameof(Informer)), Options.ReconnectJitter, _random);
                if (e is KubeApiException { RetryAfter: { } hint } && hint > delay)
                {
                    delay = hint; // the server asked for patience (429, 503)
                }

                LogFailed(_logger, e, Type.ToString(), needList ? "list" : "watch", delay);
                try
                {
                    await DelayAsync(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, _time, cancellationToken);

    private async Task RelistAsync(CancellationToken cancellationToken)
    {
        var options = new ListOptions { LabelSelector = Options.LabelSelector, FieldSelector = Options.FieldSelector, Limit = Options.PageSize };
        ObjectList list;
        try
        {
            list = await _client.ListAllAsync(Type, Options.Namespace, options, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsGone)
        {
            // The continue token expired between pages; one unpaginated list is consistent by construction.
            list = await _client.ListAllAsync(Type, Options.Namespace, options with { Limit = null }, cancellationToken);
        }

        Replace(list.Items);
        ResourceVersion = list.ResourceVersion;
        ListCount++;
        LogListed(_logger, Type.ToString(), list.Items.Count, list.ResourceVersion);
        _synced.TrySetResult();
    }

    /// <summary>Runs one watch stream; true when it delivered at least one event (bookmarks count).</summary>
    private async Task<bool> WatchOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = Options.MinWatchTimeout * (1 + _random.NextDouble());
        var options = new ListOptions
        {
            LabelSelector = Options.LabelSelector,
            FieldSelector = Options.FieldSelector,
            ResourceVersion = ResourceVersion,
            AllowWatchBookmarks = true,
            Timeout = timeout,
        };
        var delivered = false;
        await foreach (var e in _client.WatchAsync(Type, Options.Namespace, options, cancellationToken))
        {
            delivered = true;
            Apply(e);
            if (e.ResourceVersion is { Length: > 0 } rv)
            {
                ResourceVersion = rv;
            }
        }

        return delivered;
    }

    private void Apply(WatchEvent e)
    {
        if (e.Type == WatchEventType.Bookmark)
        {
            return;
        }

        var key = ObjectKey.Of(e.Object);
        lock (_dispatchGate)
        {
            if (e.Type == WatchEventType.Deleted)
            {
                var last = Cache.Remove(key);
                Dispatch(new InformerEvent(InformerEventType.Deleted, e.Object, last));
                return;
            }

            var old = Cache.Set(key, e.Object);
            Dispatch(old is null
                ? new InformerEvent(InformerEventType.Added, e.Object)
                : new InformerEvent(InformerEventType.Updated, e.Object, old));
        }
    }

    /// <summary>Makes the cache equal a fresh list, reporting what changed while nobody was watching.</summary>
    private void Replace(IReadOnlyList<JsonObject> items)
    {
        lock (_dispatchGate)
        {
            var seen = new HashSet<ObjectKey>();
            foreach (var obj in items)
            {
                var key = ObjectKey.Of(obj);
                seen.Add(key);
                var old = Cache.Set(key, obj);
                if (old is null)
                {
                    Dispatch(new InformerEvent(InformerEventType.Added, obj));
                }
                else if (ObjectMeta.ResourceVersion(old) != ObjectMeta.ResourceVersion(obj))
                {
                    Dispatch(new InformerEvent(InformerEventType.Updated, obj, old));
                }
            }

            foreach (var key in Cache.Keys.Where(k => !seen.Contains(k)))
            {
                if (Cache.Remove(key) is { } gone)
                {
                    Dispatch(new InformerEvent(InformerEventType.Deleted, gone, gone));
                }
            }
        }
    }

    private void Dispatch(InformerEvent e)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, e);
        }
    }

    private void Invoke(Action<InformerEvent> handler, InformerEvent e)
    {
        try
        {
            handler(e);
        }
        catch (Exception error)
        {
            // A faulty handler must not stop the cache from following the server.
            LogHandlerFailed(_logger, error, Type.ToString(), e.Type, e.Key.ToString());
        }
    }

    private void Unsubscribe(Action<InformerEvent> handler)
    {
        lock (_dispatchGate)
        {
            _handlers.Remove(handler);
        }
    }

    private sealed class Subscription(Informer informer, Action<InformerEvent> handler) : IDisposable
    {
        public void Dispose() => informer.Unsubscribe(handler);
    }
}
