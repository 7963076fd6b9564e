using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime;

/// <summary>An informer's thread-safe view of a collection, keyed by namespace and name. Reads return copies.</summary>
public sealed class ObjectCache
{
    private readonly ConcurrentDictionary<ObjectKey, JsonObject> _objects = new();

    /// <summary>How many objects are cached.</summary>
    public int Count => _objects.Count;

    /// <summary>A copy of the cached object, or null.</summary>
    public JsonObject? Get(ObjectKey key) => _objects.TryGetValue(key, out var obj) ? obj.DeepClone().AsObject() : null;

    /// <summary>A copy of the cached object, or null.</summary>
    public JsonObject? Get(string? @namespace, string name) => Get(new ObjectKey(@namespace, name));

    /// <summary>Whether an object with this key is cached.</summary>
    public bool Contains(ObjectKey key) => _objects.ContainsKey(key);

    /// <summary>Copies of the cached objects, in one namespace or (null) in all, ordered by key.</summary>
    public IReadOnlyList<JsonObject> List(string? @namespace = null) =>
        _objects
            .Where(p => @namespace is null || p.Key.Namespace == @namespace)
            .OrderBy(p => p.Key.Namespace, StringComparer.Ordinal)
            .ThenBy(p => p.Key.Name, StringComparer.Ordinal)
            .Select(p => p.Value.DeepClone().AsObject())
            .ToArray();

    /// <summary>The cached keys.</summary>
    public IReadOnlyCollection<ObjectKey> Keys => _objects.Keys.ToArray();

    /// <summary>Stores <paramref name="obj"/> and returns what was stored before under its key.</summary>
    internal JsonObject? Set(ObjectKey key, JsonObject obj)
    {
        JsonObject? previous = null;
        _objects.AddOrUpdate(key, obj, (_, old) =>
        {
            previous = old;
            return obj;
        });
        return previous;
    }

    /// <summary>Removes an object and returns it.</summary>
    internal JsonObject? Remove(ObjectKey key) => _objects.TryRemove(key, out var old) ? old : null;

    /// <summary>The stored instance itself (no copy), for the informer's own diffing.</summary>
    internal JsonObject? Peek(ObjectKey key) => _objects.GetValueOrDefault(key);
}
