using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Reporting;

/// <summary>Tolerant reads of the few fields the report needs from unstructured objects.</summary>
public static class JsonFields
{
    /// <summary>The string at <paramref name="node"/>, or null when absent or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>True only for a JSON <c>true</c>.</summary>
    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>An integer written as a number (or a numeric string); 0 otherwise.</summary>
    public static long Long(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return 0;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number when value.TryGetValue<double>(out var d) => (long)d,
            JsonValueKind.String when long.TryParse(value.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) => s,
            _ => 0,
        };
    }

    /// <summary>The condition of <paramref name="type"/> in <c>status.conditions</c>, or null.</summary>
    public static JsonObject? Condition(JsonObject obj, string type)
    {
        if (obj["status"]?["conditions"] is not JsonArray conditions)
        {
            return null;
        }

        foreach (var condition in conditions)
        {
            if (condition is JsonObject c && Text(c["type"]) == type)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>A label or annotation value.</summary>
    public static string? Label(JsonObject obj, string key) => Text(obj["metadata"]?["labels"]?[key]);

    /// <summary>An annotation value.</summary>
    public static string? Annotation(JsonObject obj, string key) => Text(obj["metadata"]?["annotations"]?[key]);
}
