namespace KubeApiEmulator.Storage;

/// <summary>
/// The in-memory object store: objects per group resource in key order, a global revision counter,
/// a bounded window of recent changes for watch resumption, and the live watchers.
/// Every member must be called while holding <see cref="Gate"/>; the semantics layer takes it once per request.
/// </summary>
public sealed class ObjectStore
{
    private readonly Dictionary<string, ResourceTable> _tables = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredObject> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> _window = new();
    private readonly List<WatchSubscription> _watchers = [];
    private readonly int _windowSize;
    private long _revision;

    /// <summary>Creates a store that keeps the last <paramref name="windowSize"/> changes for watch resumption.</summary>
    public ObjectStore(int windowSize) => _windowSize = Math.Max(1, windowSize);

    /// <summary>The lock every caller holds.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The newest revision handed out.</summary>
    public long Revision => _revision;

    /// <summary>Watches may resume from this revision or later; older ones get 410 Expired.</summary>
    public long CompactedRevision { get; private set; }

    /// <summary>Continue tokens minted before this revision are expired.</summary>
    public long ContinueFloor { get; private set; }

    /// <summary>Raised for every stored change, under <see cref="Gate"/> and before watchers see it (authorization indexes follow the store this way).</summary>
    public event Action<WatchEvent>? Changed;

    /// <summary>Hands out the next revision.</summary>
    public long NextRevision() => ++_revision;

    /// <summary>Reads one object.</summary>
    public StoredObject? Get(string groupResource, string? ns, string name) =>
        _tables.TryGetValue(groupResource, out var t) && t.Objects.TryGetValue(StoredObject.KeyOf(ns, name), out var o) ? o : null;

    /// <summary>Reads an object by uid.</summary>
    public StoredObject? GetByUid(string uid) => _byUid.GetValueOrDefault(uid);

    /// <summary>Number of objects of one group resource.</summary>
    public int Count(string groupResource) => _tables.TryGetValue(groupResource, out var t) ? t.Objects.Count : 0;

    /// <summary>Objects in key order, optionally in one namespace and strictly after a key.</summary>
    public IEnumerable<StoredObject> Scan(string groupResource, string? ns = null, string? afterKey = null)
    {
        if (!_tables.TryGetValue(groupResource, out var table) || table.Keys.Count == 0)
        {
            yield break;
        }

        var lower = ns is null ? "" : ns + "/";
        if (afterKey is not null && string.CompareOrdinal(afterKey, lower) > 0)
        {
            lower = afterKey;
        }

        // '0' sorts right after '/', so [ns/, ns0) is exactly one namespace.
        var upper = ns is null ? "\uffff" : ns + "0";
        if (string.CompareOrdinal(lower, upper) >= 0)
        {
            yield break;
        }

        foreach (var key in table.Keys.GetViewBetween(lower, upper))
        {
            if (key == afterKey)
            {
                continue;
            }

            yield return table.Objects[key];
        }
    }

    /// <summary>Every object of every resource in one namespace.</summary>
    public IEnumerable<StoredObject> InNamespace(string ns) =>
        _tables.Keys.ToArray().SelectMany(gr => Scan(gr, ns).ToArray());

    /// <summary>Objects whose ownerReferences name <paramref name="ownerUid"/>.</summary>
    public IReadOnlyList<StoredObject> Dependents(string ownerUid) =>
        _dependents.TryGetValue(ownerUid, out var uids) ? uids.Select(u => _byUid[u]).ToArray() : [];

    /// <summary>Stores an object (created or replaced) and notifies watchers.</summary>
    public void Put(StoredObject obj)
    {
        var table = Table(obj.Type.GroupResource);
        var key = obj.Key;
        table.Objects.TryGetValue(key, out var previous);
        if (previous is not null)
        {
            Unindex(previous);
        }
        else
        {
            table.Keys.Add(key);
        }

        table.Objects[key] = obj;
        Index(obj);
        Publish(new WatchEvent(previous is null ? "ADDED" : "MODIFIED", obj.ResourceVersion, obj, previous));
    }

    /// <summary>Removes an object; <paramref name="finalState"/> carries the deletion revision.</summary>
    public void Remove(StoredObject finalState)
    {
        if (!_tables.TryGetValue(finalState.Type.GroupResource, out var table) || !table.Objects.Remove(finalState.Key, out var previous))
        {
            return;
        }

        table.Keys.Remove(finalState.Key);
        Unindex(previous);
        Publish(new WatchEvent("DELETED", finalState.ResourceVersion, finalState, previous));
    }

    /// <summary>Drops the change window: older watches and continue tokens expire (like etcd compaction).</summary>
    public void Compact()
    {
        _window.Clear();
        CompactedRevision = _revision;
        ContinueFloor = _revision + 1;
    }

    /// <summary>Starts a watch. Without a revision it begins with ADDED for current objects; with one it replays later changes.</summary>
    /// <returns>The subscription, or null when <paramref name="fromRevision"/> is older than the window (410 Expired).</returns>
    public WatchSubscription? Subscribe(string groupResource, string? ns, Func<StoredObject, bool> matches, long? fromRevision)
    {
        if (fromRevision is { } rv && rv < CompactedRevision)
        {
            return null;
        }

        var subscription = new WatchSubscription(groupResource, ns, matches, Unsubscribe);
        subscription.Initial = fromRevision is { } from
            ? _window.Where(e => e.ResourceVersion > from).Select(subscription.Translate).OfType<WatchEvent>().ToArray()
            : Scan(groupResource, ns).Where(matches).Select(o => new WatchEvent("ADDED", o.ResourceVersion, o, null)).ToArray();
        _watchers.Add(subscription);
        return subscription;
    }

    /// <summary>Ends every open watch (clients see the stream close).</summary>
    public void CloseWatches()
    {
        foreach (var w in _watchers.ToArray())
        {
            w.Events.Writer.TryComplete();
        }

        _watchers.Clear();
    }

    /// <summary>Ends the watches on one group resource (its CRD went away).</summary>
    public void CloseWatches(string groupResource)
    {
        foreach (var w in _watchers.Where(w => w.GroupResource == groupResource).ToArray())
        {
            w.Events.Writer.TryComplete();
            _watchers.Remove(w);
        }
    }

    private void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            _watchers.Remove(subscription);
        }
    }

    private void Publish(WatchEvent change)
    {
        _window.Enqueue(change);
        while (_window.Count > _windowSize)
        {
            CompactedRevision = _window.Dequeue().ResourceVersion;
        }

        Changed?.Invoke(change);

        foreach (var w in _watchers)
        {
            if (w.Translate(change) is { } seen)
            {
                w.Events.Writer.TryWrite(seen);
            }
        }
    }

    private ResourceTable Table(string groupResource)
    {
        if (!_tables.TryGetValue(groupResource, out var table))
        {
            table = new ResourceTable();
            _tables[groupResource] = table;
        }

        return table;
    }

    private void Index(StoredObject obj)
    {
        if (obj.Uid.Length > 0)
        {
            _byUid[obj.Uid] = obj;
        }

        foreach (var owner in obj.OwnerUids)
        {
            if (!_dependents.TryGetValue(owner, out var set))
            {
                set = new HashSet<string>(StringComparer.Ordinal);
                _dependents[owner] = set;
            }

            set.Add(obj.Uid);
        }
    }

    private void Unindex(StoredObject obj)
    {
        _byUid.Remove(obj.Uid);
        foreach (var owner in obj.OwnerUids)
        {
            if (_dependents.TryGetValue(owner, out var set) && set.Remove(obj.Uid) && set.Count == 0)
            {
                _dependents.Remove(owner);
            }
        }
    }

    private sealed class ResourceTable
    {
        public Dictionary<string, StoredObject> Objects { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
