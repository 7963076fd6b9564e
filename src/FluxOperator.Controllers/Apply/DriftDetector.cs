using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Apply;

/// <summary>The drift decision after the dry-run: does the dry-run result differ from the live object?</summary>
public static class DriftDetector
{
    /// <summary>
    /// True when the object must be applied: it does not exist (no <c>resourceVersion</c> in the dry-run result), its
    /// labels or annotations differ from the live ones, or the two differ outside <c>metadata</c> and <c>status</c>.
    /// </summary>
    public static bool HasDrifted(JsonObject? live, JsonObject dryRun)
    {
        ArgumentNullException.ThrowIfNull(dryRun);
        if (live is null || string.IsNullOrEmpty(dryRun["metadata"]?["resourceVersion"]?.ToString()))
        {
            return true;
        }

        if (!SameMap(live["metadata"]?["labels"], dryRun["metadata"]?["labels"]) ||
            !SameMap(live["metadata"]?["annotations"], dryRun["metadata"]?["annotations"]))
        {
            return true;
        }

        return !JsonNode.DeepEquals(Content(live), Content(dryRun));
    }

    /// <summary>The object without <c>metadata</c> and <c>status</c>, with kind-specific noise removed.</summary>
    internal static JsonObject Content(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is not ("metadata" or "status"))
            {
                copy[key] = value?.DeepClone();
            }
        }

        if (copy["kind"]?.ToString() == "HorizontalPodAutoscaler" && copy["spec"]?["metrics"] is JsonArray metrics)
        {
            // The API server may echo duplicate or empty-type metrics; they carry no meaning.
            var kept = new JsonArray();
            foreach (var metric in metrics)
            {
                if (metric?["type"]?.ToString() is { Length: > 0 } && !kept.Any(k => JsonNode.DeepEquals(k, metric)))
                {
                    kept.Add(metric.DeepClone());
                }
            }

            copy["spec"]!["metrics"] = kept;
        }

        return copy;
    }

    private static bool SameMap(JsonNode? a, JsonNode? b)
    {
        var x = a as JsonObject;
        var y = b as JsonObject;
        if ((x?.Count ?? 0) != (y?.Count ?? 0))
        {
            return false;
        }

        return x is null || x.All(p => y!.TryGetPropertyValue(p.Key, out var other) && JsonNode.DeepEquals(p.Value, other));
    }
}
