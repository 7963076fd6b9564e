using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Small accessors over JSON nodes shared by the transformers.</summary>
internal static class Nodes
{
    public static string StringAt(JsonObject obj, string key) =>
        obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;

    /// <summary>The object at <paramref name="key"/>, created (or replacing a non-object) when needed.</summary>
    public static JsonObject EnsureObject(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    public static JsonObject EnsurePath(JsonObject root, IEnumerable<string> path)
    {
        var current = root;
        foreach (var key in path)
        {
            current = EnsureObject(current, key);
        }

        return current;
    }

    public static JsonNode? Walk(JsonNode? node, IEnumerable<string> path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject obj)
            {
                return null;
            }

            node = obj[key];
        }

        return node;
    }
}
