using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The JSON merge patch that turns the stored <c>.spec</c> into the computed one: the report's spec is replaced
/// entirely, so keys that are gone are sent as null (lists are replaced whole by merge patches anyway).
/// </summary>
public static class FluxReportSpecPatch
{
    /// <summary>The patch from <paramref name="stored"/> (may be null) to <paramref name="computed"/>; empty when equal.</summary>
    public static JsonObject Diff(JsonObject? stored, JsonObject computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var patch = new JsonObject();
        foreach (var (key, value) in computed)
        {
            var old = stored?[key];
            if (value is JsonObject nested && old is JsonObject oldNested)
            {
                var inner = Diff(oldNested, nested);
                if (inner.Count > 0)
                {
                    patch[key] = inner;
                }
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[key] = value?.DeepClone();
            }
        }

        if (stored is not null)
        {
            foreach (var (key, _) in stored)
            {
                if (!computed.ContainsKey(key))
                {
                    patch[key] = null;
                }
            }
        }

        return patch;
    }
}
