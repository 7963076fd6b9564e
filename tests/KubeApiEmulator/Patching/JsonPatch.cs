using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Patching;

/// <summary>RFC 6902 JSON patch (add, remove, replace, move, copy, test) over RFC 6901 pointers.</summary>
public static class JsonPatch
{
    /// <summary>Applies the operations to a copy of <paramref name="document"/>; a failing operation throws <see cref="InvalidOperationException"/>.</summary>
    public static JsonNode? Apply(JsonNode? document, JsonArray operations)
    {
        var root = new JsonObject { ["doc"] = document?.DeepClone() };
        foreach (var item in operations)
        {
            if (item is not JsonObject op)
            {
                throw new InvalidOperationException("a patch operation must be an object");
            }

            var name = op["op"]?.ToString() ?? throw new InvalidOperationException("missing op");
            var path = op["path"]?.ToString() ?? throw new InvalidOperationException("missing path");
            switch (name)
            {
                case "add":
                    Add(root, path, Value(op));
                    break;
                case "remove":
                    Remove(root, path);
                    break;
                case "replace":
                    Remove(root, path);
                    Add(root, path, Value(op));
                    break;
                case "move":
                    var moved = Remove(root, From(op));
                    Add(root, path, moved);
                    break;
                case "copy":
                    Add(root, path, Get(root, From(op))?.DeepClone());
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Get(root, path), op["value"]))
                    {
                        throw new InvalidOperationException($"testing value {path} failed");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"unknown op {name}");
            }
        }

        return root["doc"];
    }

    private static JsonNode? Value(JsonObject op) =>
        op.ContainsKey("value") ? op["value"]?.DeepClone() : throw new InvalidOperationException("missing value");

    private static string From(JsonObject op) => op["from"]?.ToString() ?? throw new InvalidOperationException("missing from");

    private static (JsonNode Parent, string Token) Resolve(JsonObject root, string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw new InvalidOperationException($"invalid pointer {pointer}");
        }

        var tokens = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode parent = root;
        var token = "doc";
        foreach (var next in tokens)
        {
            parent = Child(parent, token) ?? throw new InvalidOperationException($"path {pointer} not found");
            token = next;
        }

        return (parent, token);
    }

    private static JsonNode? Child(JsonNode parent, string token) => parent switch
    {
        JsonObject o => o[token],
        JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
        _ => null,
    };

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, token) = Resolve(root, pointer);
        return parent switch
        {
            JsonObject o when o.ContainsKey(token) => o[token],
            JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
            _ => throw new InvalidOperationException($"path {pointer} not found"),
        };
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token) = Resolve(root, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[token] = value;
                break;
            case JsonArray a when token == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                a.Insert(i, value);
                break;
            default:
                throw new InvalidOperationException($"cannot add at {pointer}");
        }
    }

    private static JsonNode? Remove(JsonObject root, string pointer)
    {
        var (parent, token) = Resolve(root, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(token):
                var value = o[token];
                o.Remove(token);
                return value;
            case JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default:
                throw new InvalidOperationException($"path {pointer} not found");
        }
    }
}
