using System.Text.Json.Nodes;

namespace KubeApiEmulator.Apply;

/// <summary>
/// A set of field paths as server-side apply tracks them (the FieldsV1 tree): path elements are
/// <c>f:&lt;field&gt;</c>, <c>k:&lt;key json&gt;</c> (associative list item), <c>v:&lt;value json&gt;</c> (set item).
/// </summary>
public sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>True when the path ending here is itself in the set.</summary>
    public bool IsMember { get; private set; }

    /// <summary>True when the set holds no path.</summary>
    public bool IsEmpty => !IsMember && _children.Count == 0;

    /// <summary>Adds a path.</summary>
    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var pe in path)
        {
            if (!node._children.TryGetValue(pe, out var child))
            {
                child = new FieldSet();
                node._children[pe] = child;
            }

            node = child;
        }

        node.IsMember = true;
    }

    /// <summary>True when exactly this path is a member.</summary>
    public bool Contains(IReadOnlyList<string> path) => Find(path)?.IsMember == true;

    /// <summary>True when this path or any path below it is a member.</summary>
    public bool ContainsOrBelow(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    /// <summary>Removes one member path (paths below it stay).</summary>
    public void Remove(IReadOnlyList<string> path) => Prune(path, 0, subtree: false);

    /// <summary>Removes a path and everything below it.</summary>
    public void RemoveSubtree(IReadOnlyList<string> path) => Prune(path, 0, subtree: true);

    /// <summary>Every member path.</summary>
    public IEnumerable<string[]> Members()
    {
        var stack = new List<string>();
        return Walk(this, stack);
    }

    /// <summary>True when both sets hold the same paths.</summary>
    public bool SetEquals(FieldSet other) => JsonNode.DeepEquals(ToFieldsV1(), other.ToFieldsV1());

    /// <summary>The FieldsV1 JSON form.</summary>
    public JsonObject ToFieldsV1()
    {
        var obj = new JsonObject();
        if (IsMember && _children.Count > 0)
        {
            obj["."] = new JsonObject();
        }

        foreach (var (pe, child) in _children)
        {
            obj[pe] = child.ToFieldsV1();
        }

        return obj;
    }

    /// <summary>Reads the FieldsV1 JSON form.</summary>
    public static FieldSet FromFieldsV1(JsonObject? json)
    {
        var set = new FieldSet();
        if (json is not null)
        {
            Read(set, json);
        }

        return set;
    }

    private static void Read(FieldSet node, JsonObject json)
    {
        foreach (var (pe, value) in json)
        {
            if (pe == ".")
            {
                node.IsMember = true;
                continue;
            }

            var child = new FieldSet();
            if (value is JsonObject o && o.Count > 0)
            {
                Read(child, o);
            }
            else
            {
                child.IsMember = true;
            }

            node._children[pe] = child;
        }
    }

    private static IEnumerable<string[]> Walk(FieldSet node, List<string> prefix)
    {
        if (node.IsMember && prefix.Count > 0)
        {
            yield return prefix.ToArray();
        }

        foreach (var (pe, child) in node._children)
        {
            prefix.Add(pe);
            foreach (var p in Walk(child, prefix))
            {
                yield return p;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var pe in path)
        {
            if (!node._children.TryGetValue(pe, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private bool Prune(IReadOnlyList<string> path, int depth, bool subtree)
    {
        if (depth == path.Count)
        {
            IsMember = false;
            if (subtree)
            {
                _children.Clear();
            }

            return IsEmpty;
        }

        if (_children.TryGetValue(path[depth], out var child) && child.Prune(path, depth + 1, subtree))
        {
            _children.Remove(path[depth]);
        }

        return IsEmpty;
    }
}
