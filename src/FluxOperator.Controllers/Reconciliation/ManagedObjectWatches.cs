using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Drift in seconds: one label-filtered informer per kind in the inventory (only objects carrying our ownership
/// labels), feeding the instance's key to the controller when a managed object is deleted or edited. The caches
/// double as known live state for the applier and the health check, so a no-op pass sends (almost) no request.
/// </summary>
public sealed partial class ManagedObjectWatches : ILiveObjects, IAsyncDisposable
{
    private readonly IKubeClient _client;
    private readonly Action<ObjectKey> _requestReconcile;
    private readonly ObjectKey _owner;
    private readonly string _selector;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Group, string Kind), Watch> _watches = new();
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    /// <summary>
    /// Creates the watches for the instance <paramref name="owner"/>; none run until <see cref="EnsureAsync"/>. Drift
    /// is reported through <paramref name="requestReconcile"/> (the FluxInstance controller's queue).
    /// </summary>
    public ManagedObjectWatches(IKubeClient client, Action<ObjectKey> requestReconcile, ObjectKey owner, TimeProvider time, ILoggerFactory loggers)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _requestReconcile = requestReconcile ?? throw new ArgumentNullException(nameof(requestReconcile));
        _owner = owner;
        _selector = $"{LabelKeys.OwnerName}={owner.Name},{LabelKeys.OwnerNamespace}={owner.Namespace}";
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger<ManagedObjectWatches>();
    }

    /// <summary>The kinds watched so far.</summary>
    public IReadOnlyCollection<(string Group, string Kind)> Kinds => _watches.Keys.ToArray();

    /// <summary>Starts a watch for every kind of <paramref name="inventory"/> not watched yet (kinds not served are skipped).</summary>
    public async Task EnsureAsync(ObjectInventory inventory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        foreach (var entry in inventory.Entries.DistinctBy(e => (e.Id.Group, e.Id.Kind)))
        {
            var kind = (entry.Id.Group, entry.Id.Kind);
            if (_watches.ContainsKey(kind) || _stop.IsCancellationRequested)
            {
                continue;
            }

            var type = await _client.Mapper.TryMapAsync(new GroupVersionKind(entry.Id.Group, entry.Version, entry.Id.Kind), cancellationToken);
            if (type is null)
            {
                continue;
            }

            var informer = new Informer(_client, type, new InformerOptions { LabelSelector = _selector }, _time, _loggers.CreateLogger<Informer>());
            var feed = informer.Subscribe(e =>
            {
                if (FluxInstanceTriggers.IsDrift(e))
                {
                    _requestReconcile(_owner);
                }
            });
            var stop = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var run = Task.Run(() => RunQuietlyAsync(informer, stop.Token), CancellationToken.None);
            if (!_watches.TryAdd(kind, new Watch(informer, feed, run, stop)))
            {
                feed.Dispose();
                await stop.CancelAsync();
                stop.Dispose();
            }
            else
            {
                LogWatching(_logger, type.ToString(), _selector);
            }
        }
    }

    /// <inheritdoc />
    public bool TryGet(ObjectId id, out JsonObject? live)
    {
        live = null;
        if (!_watches.TryGetValue((id.Group, id.Kind), out var watch) || !watch.Informer.HasSynced)
        {
            return false;
        }

        live = watch.Informer.Cache.Get(id.Namespace.Length == 0 ? null : id.Namespace, id.Name);
        return true;
    }

    /// <summary>Stops every watch (after an uninstall: the kinds may be gone); <see cref="EnsureAsync"/> starts them again.</summary>
    public async Task StopAllAsync()
    {
        foreach (var kind in _watches.Keys)
        {
            if (_watches.TryRemove(kind, out var watch))
            {
                await StopAsync(watch);
            }
        }
    }

    /// <summary>Lives as long as the operator leads: waits for <paramref name="cancellationToken"/>, then stops every watch.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await StopAllAsync();
        _stop.Dispose();
    }

    private static async Task StopAsync(Watch watch)
    {
        watch.Feed.Dispose();
        await watch.Stop.CancelAsync();
        await watch.Run;
        watch.Stop.Dispose();
    }

    private async Task RunQuietlyAsync(Informer informer, CancellationToken cancellationToken)
    {
        try
        {
            await informer.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            LogWatchEnded(_logger, e, informer.Type.ToString());
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watching managed {Resource} ({Selector}) for drift")]
    private static partial void LogWatching(ILogger logger, string resource, string selector);

    [LoggerMessage(Level = LogLevel.Error, Message = "Drift watch on {Resource} ended")]
    private static partial void LogWatchEnded(ILogger logger, Exception error, string resource);

    private sealed record Watch(Informer Informer, IDisposable Feed, Task Run, CancellationTokenSource Stop);
}
