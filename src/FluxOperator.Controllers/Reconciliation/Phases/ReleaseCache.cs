using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>
/// Parsed release manifests by release directory, so a periodic pass does not parse the same release again. A
/// directory's content never changes (the embedded store is read-only, an artifact is extracted once per digest), so an
/// entry never goes stale; it is dropped when its directory is removed, and at most
/// <see cref="Capacity"/> are kept, least recently used first out: an automated upgrade pins no old release in memory.
/// </summary>
public sealed class ReleaseCache
{
    /// <summary>The most releases kept: the one in use plus one more (a constraint moving between two versions).</summary>
    public const int Capacity = 2;

    private readonly Lock _lock = new();
    private readonly LinkedList<(string Directory, ReleaseManifests Release)> _entries = new();

    /// <summary>How many releases are held (for tests).</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Drops every release whose directory is gone (its artifact was removed from the cache). Releases of other
    /// distributions stay until the capacity pushes them out: a held upgrade builds from the installed artifact while
    /// the source is the candidate's, and must not parse the held release again on every pass.
    /// </summary>
    public void ForgetRemoved()
    {
        lock (_lock)
        {
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                if (!Directory.Exists(node.Value.Directory))
                {
                    _entries.Remove(node);
                }

                node = next;
            }
        }
    }

    /// <summary>The parsed release in <paramref name="releaseDirectory"/>, parsed now if it is not held.</summary>
    public ReleaseManifests Load(string releaseDirectory)
    {
        ArgumentNullException.ThrowIfNull(releaseDirectory);
        lock (_lock)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Directory == releaseDirectory)
                {
                    _entries.Remove(node);
                    _entries.AddFirst(node);
                    return node.Value.Release;
                }
            }
        }

        // Parsed outside the lock: a parse takes long, and two passes never build at once for the one instance.
        var release = ReleaseManifests.Load(releaseDirectory);
        lock (_lock)
        {
            _entries.AddFirst((releaseDirectory, release));
            while (_entries.Count > Capacity)
            {
                _entries.RemoveLast();
            }
        }

        return release;
    }
}
