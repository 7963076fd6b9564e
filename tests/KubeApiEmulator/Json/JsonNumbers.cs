using System.Globalization;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Json;

/// <summary>Reads integers from nodes whether they were parsed (JsonElement) or built in code (int, long).</summary>
public static class JsonNumbers
{
    /// <summary>The node as a long, or null when absent or not an integer.</summary>
    public static long? Long(JsonNode? node) =>
        node is JsonValue && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
