using System.Text;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Patching;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Apply;

/// <summary>Maps between objects and field paths: which paths an object sets, reading and removing the value at a path, and printing a path.</summary>
public static class ObjectFields
{
    private static readonly HashSet<string> OwnedMetadata = new(StringComparer.Ordinal) { "labels", "annotations", "finalizers", "ownerReferences" };

    /// <summary>The field paths an object (or partial apply configuration) sets within <paramref name="scope"/>.</summary>
    public static FieldSet Collect(ResourceType type, JsonObject? obj, FieldScope scope)
    {
        var set = new FieldSet();
        if (obj is null)
        {
            return set;
        }

        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" || !InScope(key, scope))
            {
                continue;
            }

            if (key == "metadata")
            {
                foreach (var (mk, mv) in value as JsonObject ?? [])
                {
                    if (OwnedMetadata.Contains(mk))
                    {
                        CollectValue(type, mv, ["f:metadata", "f:" + mk], ["metadata", mk], set);
                    }
                }

                continue;
            }

            CollectValue(type, value, ["f:" + key], [key], set);
        }

        return set;
    }

    /// <summary>True when a top-level field belongs to the scope.</summary>
    public static bool InScope(string topLevelField, FieldScope scope) => scope switch
    {
        FieldScope.Main => topLevelField != "status",
        FieldScope.Status => topLevelField == "status",
        _ => true,
    };

    /// <summary>Reads the value at a path; false when absent.</summary>
    public static bool TryGet(JsonNode? root, IReadOnlyList<string> path, out JsonNode? value)
    {
        value = root;
        foreach (var pe in path)
        {
            if (!TryStep(value, pe, out value, out _))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the field or list item at a path, if present.</summary>
    public static void Remove(JsonNode root, IReadOnlyList<string> path)
    {
        JsonNode? parent = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!TryStep(parent, path[i], out parent, out _))
            {
                return;
            }
        }

        var last = path[^1];
        if (parent is JsonObject o && last.StartsWith("f:", StringComparison.Ordinal))
        {
            o.Remove(last[2..]);
        }
        else if (parent is JsonArray a && TryStep(a, last, out _, out var index))
        {
            a.RemoveAt(index);
        }
    }

    /// <summary>A path as people read it: <c>.spec.containers[name="c"].image</c>.</summary>
    public static string Render(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var pe in path)
        {
            var body = pe[2..];
            switch (pe[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    var key = JsonNode.Parse(body)!.AsObject();
                    text.Append('[').Append(string.Join(",", key.Select(p => $"{p.Key}={p.Value?.ToJsonString()}"))).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>The <c>k:</c> path element of a keyed list item: its key fields as JSON with sorted names.</summary>
    public static string KeyElement(JsonObject item, IReadOnlyList<string> keys)
    {
        var key = new JsonObject();
        foreach (var k in keys.Order(StringComparer.Ordinal))
        {
            if (item[k] is { } v)
            {
                key[k] = v.DeepClone();
            }
        }

        return "k:" + Encoding.UTF8.GetString(JsonBytes.From(key));
    }

    /// <summary>True when a list item matches the key fields of another (absent keys compare equal to absent).</summary>
    public static bool SameKey(JsonObject a, JsonObject b, IReadOnlyList<string> keys) => keys.All(k => JsonNode.DeepEquals(a[k], b[k]));

    private static void CollectValue(ResourceType type, JsonNode? value, List<string> pePath, List<string> fieldPath, FieldSet set)
    {
        switch (value)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (k, v) in o)
                {
                    CollectValue(type, v, [.. pePath, "f:" + k], [.. fieldPath, k], set);
                }

                break;
            case JsonArray a:
                var listType = ListTypes.For(type, fieldPath);
                if (listType.IsMap && a.All(i => i is JsonObject))
                {
                    foreach (var item in a.Cast<JsonObject>())
                    {
                        List<string> itemPath = [.. pePath, KeyElement(item, listType.Keys)];
                        set.Add(itemPath);
                        foreach (var (k, v) in item)
                        {
                            CollectValue(type, v, [.. itemPath, "f:" + k], [.. fieldPath, k], set);
                        }
                    }
                }
                else if (listType.Kind == "set")
                {
                    foreach (var item in a)
                    {
                        set.Add([.. pePath, "v:" + (item?.ToJsonString() ?? "null")]);
                    }
                }
                else
                {
                    set.Add(pePath);
                }

                break;
            default:
                set.Add(pePath);
                break;
        }
    }

    private static bool TryStep(JsonNode? node, string pe, out JsonNode? next, out int index)
    {
        next = null;
        index = -1;
        var body = pe.Length > 2 ? pe[2..] : "";
        switch (pe[0])
        {
            case 'f' when node is JsonObject o && o.TryGetPropertyValue(body, out next):
                return true;
            case 'k' when node is JsonArray a:
                var key = JsonNode.Parse(body)!.AsObject();
                index = a.ToList().FindIndex(i => i is JsonObject item && key.All(p => JsonNode.DeepEquals(item[p.Key], p.Value)));
                break;
            case 'v' when node is JsonArray a:
                var wanted = JsonNode.Parse(body);
                index = a.ToList().FindIndex(i => JsonNode.DeepEquals(i, wanted));
                break;
            case 'i' when node is JsonArray a && int.TryParse(body, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < a.Count:
                index = i;
                break;
        }

        if (index < 0 || node is not JsonArray list)
        {
            return false;
        }

        next = list[index];
        return true;
    }
}
