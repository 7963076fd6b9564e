using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Tests.TestSupport;

/// <summary>JSON text with object keys sorted, so two documents compare equal regardless of key order.</summary>
public static class CanonicalJson
{
    /// <summary>The canonical text of a node.</summary>
    public static string Of(JsonNode? node) => Sort(node)?.ToJsonString() ?? "null";

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value)))),
        JsonArray array => new JsonArray(array.Select(Sort).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
