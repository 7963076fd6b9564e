using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Apply.Health;

/// <summary>
/// Waits until objects are Current by kstatus rules, polling with the given <see cref="TimeProvider"/>;
/// fails with the Go operator's messages naming every object that is not Current.
/// </summary>
public sealed class HealthChecker
{
    private readonly IKubeClient _client;
    private readonly TimeProvider _time;

    /// <summary>Creates a checker reading through <paramref name="client"/>.</summary>
    public HealthChecker(IKubeClient client, TimeProvider time)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// Polls until every object is Current. Throws <see cref="ApplyException"/> with <c>timeout waiting for: […]</c> or
    /// <c>failed early due to stalled resources: […]</c>, followed by the Ready messages of Flux objects that are not Ready.
    /// The first poll may use <paramref name="known"/> live state instead of reading.
    /// </summary>
    public async Task WaitAsync(IReadOnlyList<InventoryEntry> objects, HealthCheckOptions options, ILiveObjects? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(options);
        var start = _time.GetTimestamp();
        var pending = objects.OrderBy(o => o.Id, ApplyOrder.Comparer).ToList();
        var last = new Dictionary<ObjectId, (ObjectHealth Health, JsonObject? Live, string? Error)>();
        var first = true;
        while (true)
        {
            foreach (var entry in pending)
            {
                last[entry.Id] = await ReadAsync(entry, first ? known : null, cancellationToken);
            }

            first = false;
            pending = pending.Where(e => last[e.Id].Health.Status != HealthStatus.Current).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            if (pending.All(e => last[e.Id].Health.Status == HealthStatus.Failed))
            {
                throw new ApplyException(Describe("failed early due to stalled resources", pending, last, objects), null, isTransient: true);
            }

            var elapsed = _time.GetElapsedTime(start);
            if (elapsed >= options.Timeout)
            {
                throw new ApplyException(Describe("timeout waiting for", pending, last, objects), null, isTransient: true);
            }

            var wait = options.Interval < options.Timeout - elapsed ? options.Interval : options.Timeout - elapsed;
            await Task.Delay(wait, _time, cancellationToken);
        }
    }

    /// <summary>
    /// Polls until none of <paramref name="objects"/> exists any more (uninstall steps 1 and 4); returns the subjects
    /// still present when the budget ran out (empty on success). Read errors count as "still present".
    /// </summary>
    public async Task<IReadOnlyList<string>> WaitForDeletionAsync(IReadOnlyList<InventoryEntry> objects, HealthCheckOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(options);
        var start = _time.GetTimestamp();
        var pending = objects.ToList();
        while (true)
        {
            var still = new List<InventoryEntry>();
            foreach (var entry in pending)
            {
                if ((await ReadAsync(entry, null, cancellationToken)).Item1.Status != HealthStatus.NotFound)
                {
                    still.Add(entry);
                }
            }

            pending = still;
            var elapsed = _time.GetElapsedTime(start);
            if (pending.Count == 0 || elapsed >= options.Timeout)
            {
                return pending.Select(e => e.Id.Subject).ToArray();
            }

            await Task.Delay(options.Interval < options.Timeout - elapsed ? options.Interval : options.Timeout - elapsed, _time, cancellationToken);
        }
    }

    private async Task<(ObjectHealth, JsonObject?, string?)> ReadAsync(InventoryEntry entry, ILiveObjects? known, CancellationToken cancellationToken)
    {
        if (known is not null && known.TryGet(entry.Id, out var cached))
        {
            return (KStatus.Compute(cached), cached, null);
        }

        try
        {
            // A kind that is no longer served (its CRD is gone) has no objects: not found.
            var type = await _client.Mapper.TryMapAsync(new GroupVersionKind(entry.Id.Group, entry.Version, entry.Id.Kind), cancellationToken);
            var live = type is null ? null : await _client.GetAsync(type, NullIfEmpty(entry.Id.Namespace), entry.Id.Name, cancellationToken);
            return (KStatus.Compute(live), live, null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (new ObjectHealth(HealthStatus.Unknown, e.Message), null, e.Message);
        }
    }

    private static string Describe(string prefix, IReadOnlyList<InventoryEntry> pending,
        Dictionary<ObjectId, (ObjectHealth Health, JsonObject? Live, string? Error)> last, IReadOnlyList<InventoryEntry> all)
    {
        var items = pending.Select(e =>
        {
            var (health, _, error) = last[e.Id];
            var subject = Subject(e.Id);
            if (health.Status == HealthStatus.Unknown && error is null)
            {
                return $"can't determine status for {subject}";
            }

            var item = $"{subject} status: '{health.Status}'";
            return error is null ? item : $"{item}: {error}";
        });
        var text = new StringBuilder($"{prefix}: [{string.Join(", ", items)}]\n");
        foreach (var entry in all.Where(e => e.Id.Group.EndsWith(".fluxcd.io", StringComparison.Ordinal)).OrderBy(e => e.Id, ApplyOrder.Comparer))
        {
            if (last.TryGetValue(entry.Id, out var seen) && seen.Live is { } live && ReadyCondition(live) is { } ready && ready["status"]?.ToString() != "True")
            {
                text.Append(Subject(entry.Id)).Append(" status: ").Append(ready["message"]?.ToString()).Append('\n');
            }
        }

        return text.ToString();
    }

    // Like fluxcd/pkg/ssa's FmtObjMetadata: the namespace is left out for cluster-scoped objects.
    private static string Subject(ObjectId id) => id.Subject;

    private static JsonObject? ReadyCondition(JsonObject live) =>
        (live["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready");

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
