using System.Globalization;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Selection;
using KubeApiEmulator.Simulation;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Semantics;

/// <summary>
/// The API server's semantics over the store: object lifecycle (create, update, patch, apply, delete), finalizers,
/// garbage collection, namespace termination, CRD establishment and the Deployment simulator. One lock per operation.
/// </summary>
public sealed partial class ClusterState
{
    private readonly ObjectStore _store;
    private readonly TimeProvider _clock;

    /// <summary>Creates an empty cluster with the initial namespaces.</summary>
    public ClusterState(KubeApiServerOptions options)
    {
        _store = new ObjectStore(options.WatchWindow);
        _clock = options.TimeProvider;
        Deployments = new DeploymentSimulator(options.SimulateDeployments);
        var namespaces = Catalog.Find("", "v1", "namespaces")!;
        foreach (var ns in options.InitialNamespaces)
        {
            Create(namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, new WriteOptions("kube-apiserver"));
        }
    }

    /// <summary>Served resources.</summary>
    public ResourceCatalog Catalog { get; } = new();

    /// <summary>The raw store (hold its gate for any direct use).</summary>
    public ObjectStore Store => _store;

    /// <summary>The Deployment simulator and its knobs.</summary>
    public DeploymentSimulator Deployments { get; }

    /// <summary>The newest resourceVersion.</summary>
    public long Revision
    {
        get
        {
            lock (_store.Gate)
            {
                return _store.Revision;
            }
        }
    }

    /// <summary>Reads one object; 404 when missing.</summary>
    public StoredObject Get(ResourceType type, string? ns, string name)
    {
        lock (_store.Gate)
        {
            return _store.Get(type.GroupResource, ns, name) ?? throw ApiException.NotFound(type.Group, type.Plural, name);
        }
    }

    /// <summary>Reads one object or null.</summary>
    public StoredObject? Find(ResourceType type, string? ns, string name)
    {
        lock (_store.Gate)
        {
            return _store.Get(type.GroupResource, ns, name);
        }
    }

    /// <summary>Lists objects with selectors and pagination.</summary>
    public ListResult List(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, int? limit, string? continueToken)
    {
        lock (_store.Gate)
        {
            string? after = null;
            var revision = _store.Revision;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (revision, after) = ContinueToken.Decode(continueToken);
                if (revision < _store.ContinueFloor)
                {
                    throw ApiException.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.");
                }
            }

            IEnumerable<StoredObject> candidates = fields.Name is { } pinned && (ns is not null || !type.Namespaced)
                ? _store.Get(type.GroupResource, ns, pinned) is { } one && (after is null || string.CompareOrdinal(one.Key, after) > 0) ? [one] : []
                : _store.Scan(type.GroupResource, ns, after);
            var items = new List<StoredObject>();
            string? next = null;
            foreach (var o in candidates)
            {
                if (!fields.Matches(o) || !labels.Matches(o.Labels))
                {
                    continue;
                }

                if (limit is > 0 && items.Count == limit)
                {
                    next = ContinueToken.Encode(revision, items[^1].Key);
                    break;
                }

                items.Add(o);
            }

            return new ListResult(items, revision, next);
        }
    }

    /// <summary>Starts a watch; null when the revision is too old (410).</summary>
    public WatchSubscription? Watch(ResourceType type, string? ns, LabelSelector labels, FieldSelector fields, long? fromRevision)
    {
        lock (_store.Gate)
        {
            return _store.Subscribe(type.GroupResource, ns, o => fields.Matches(o) && labels.Matches(o.Labels), fromRevision);
        }
    }

    /// <summary>The current revision when the subscription has nothing pending (safe for a BOOKMARK), else null.</summary>
    public long? BookmarkRevision(WatchSubscription subscription)
    {
        lock (_store.Gate)
        {
            return subscription.Events.Reader.TryPeek(out _) ? null : _store.Revision;
        }
    }

    /// <summary>Closes every open watch.</summary>
    public void CloseWatches()
    {
        lock (_store.Gate)
        {
            _store.CloseWatches();
        }
    }

    /// <summary>Drops watch history and expires continue tokens.</summary>
    public void Compact()
    {
        lock (_store.Gate)
        {
            _store.Compact();
        }
    }

    /// <summary>Sets a simulator knob and applies it to the Deployment if it exists.</summary>
    public void SetDeploymentMode(string ns, string name, DeploymentMode mode)
    {
        lock (_store.Gate)
        {
            Deployments.SetMode(ns, name, mode);
            var type = Catalog.Find("apps", "v1", "deployments")!;
            if (_store.Get(type.GroupResource, ns, name) is { } current)
            {
                Simulate(type, current.ToNode());
            }
        }
    }

    private string Now() => _clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Meta(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject meta)
        {
            meta = [];
            obj["metadata"] = meta;
        }

        return meta;
    }

    private static long Generation(JsonObject obj) => JsonNumbers.Long(obj["metadata"]?["generation"]) ?? 0;
}
