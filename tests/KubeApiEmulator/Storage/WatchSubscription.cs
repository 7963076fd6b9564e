using System.Threading.Channels;

namespace KubeApiEmulator.Storage;

/// <summary>A live watch: which objects it wants, and the channel the store writes matching events to.</summary>
public sealed class WatchSubscription : IDisposable
{
    private readonly Action<WatchSubscription> _unsubscribe;

    internal WatchSubscription(string groupResource, string? ns, Func<StoredObject, bool> matches, Action<WatchSubscription> unsubscribe)
    {
        GroupResource = groupResource;
        Namespace = ns;
        Matches = matches;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The watched group resource.</summary>
    public string GroupResource { get; }

    /// <summary>The watched namespace, or null for all.</summary>
    public string? Namespace { get; }

    /// <summary>The selector predicate.</summary>
    public Func<StoredObject, bool> Matches { get; }

    /// <summary>Events in order; completed when the watch is closed by the server.</summary>
    public Channel<WatchEvent> Events { get; } = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Events that existed before the subscription started (synthetic ADDED or replayed history).</summary>
    public IReadOnlyList<WatchEvent> Initial { get; internal set; } = [];

    /// <summary>Translates a change into what this watcher sees (selector transitions become ADDED/DELETED), or null.</summary>
    public WatchEvent? Translate(WatchEvent change)
    {
        if (change.Object.Type.GroupResource != GroupResource || (Namespace is not null && change.Object.Namespace != Namespace))
        {
            return null;
        }

        var now = change.Type != "DELETED" && Matches(change.Object);
        var before = change.Previous is not null && Matches(change.Previous);
        if (change.Type == "DELETED")
        {
            return Matches(change.Object) ? change : null;
        }

        return (before, now) switch
        {
            (true, true) => change with { Type = "MODIFIED" },
            (false, true) => change with { Type = "ADDED" },
            (true, false) => change with { Type = "DELETED" },
            _ => null,
        };
    }

    /// <summary>Stops receiving events.</summary>
    public void Dispose() => _unsubscribe(this);
}
