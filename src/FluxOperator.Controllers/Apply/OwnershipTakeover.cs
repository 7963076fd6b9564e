using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// The ownership takeover (docs/reconciliation.md#apply): the JSON patch that removes foreign bookkeeping annotations and labels from a
/// live object and folds the field sets of takeover managers into our own Apply entry, so the next forced apply
/// owns (and can remove) what those managers set.
/// </summary>
public sealed class OwnershipTakeover
{
    private static readonly string[] RemovedAnnotations =
        ["kubectl.kubernetes.io/last-applied-configuration", "meta.helm.sh/release-name", "meta.helm.sh/release-namespace"];

    private static readonly string[] RemovedLabels = ["kustomize.toolkit.fluxcd.io/name", "kustomize.toolkit.fluxcd.io/namespace"];

    private readonly string _fieldManager;
    private readonly IReadOnlyList<string> _overrideManagers;

    /// <summary>Takeover on behalf of <paramref name="fieldManager"/>, plus the <c>--override-manager</c> names.</summary>
    public OwnershipTakeover(string fieldManager, IReadOnlyList<string>? overrideManagers = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(fieldManager);
        _fieldManager = fieldManager;
        _overrideManagers = overrideManagers ?? [];
    }

    /// <summary>Whether a managed-fields entry belongs to a manager we take over from.</summary>
    public bool IsTakenOver(string manager, string operation) =>
        (manager, operation) switch
        {
            ("kustomize-controller", "Apply") => true,
            ("helm", "Update") => true,
            ("flux", "Apply" or "Update") => true,
            _ when manager.StartsWith("kubectl", StringComparison.Ordinal) && operation is "Update" or "Apply" => true,
            _ when manager.StartsWith("before-first-apply", StringComparison.Ordinal) && operation == "Update" => true,
            _ => _overrideManagers.Contains(manager, StringComparer.Ordinal) && operation is "Apply" or "Update",
        };

    /// <summary>The RFC 6902 patch for <paramref name="live"/>, or null when there is nothing to clean.</summary>
    public JsonArray? CleanupPatch(JsonObject live)
    {
        ArgumentNullException.ThrowIfNull(live);
        var ops = new JsonArray();
        RemoveKeys(live["metadata"]?["annotations"] as JsonObject, "/metadata/annotations/", RemovedAnnotations, ops);
        RemoveKeys(live["metadata"]?["labels"] as JsonObject, "/metadata/labels/", RemovedLabels, ops);
        if (live["metadata"]?["managedFields"] is JsonArray entries && MergedManagedFields(entries) is { } merged)
        {
            ops.Add(new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = merged });
        }

        return ops.Count == 0 ? null : ops;
    }

    private JsonArray? MergedManagedFields(JsonArray entries)
    {
        var result = new List<JsonObject>();
        JsonObject? ours = null;
        var changed = false;
        var takenOver = new List<JsonObject>();
        foreach (var entry in entries.OfType<JsonObject>())
        {
            var manager = entry["manager"]?.ToString() ?? "";
            var operation = entry["operation"]?.ToString() ?? "";
            var mainResource = string.IsNullOrEmpty(entry["subresource"]?.ToString());
            if (mainResource && manager == _fieldManager && operation == "Apply" && ours is null)
            {
                ours = entry.DeepClone().AsObject();
                result.Add(ours);
            }
            else if (mainResource && IsTakenOver(manager, operation))
            {
                takenOver.Add(entry);
                changed = true;
            }
            else
            {
                result.Add(entry.DeepClone().AsObject());
            }
        }

        if (!changed)
        {
            return null;
        }

        foreach (var entry in takenOver)
        {
            if (ours is null)
            {
                // No Apply entry of ours yet: the first taken-over entry becomes it.
                ours = entry.DeepClone().AsObject();
                ours["manager"] = _fieldManager;
                ours["operation"] = "Apply";
                result.Add(ours);
                continue;
            }

            var target = ours["fieldsV1"] as JsonObject ?? new JsonObject();
            ours["fieldsV1"] = target;
            if (entry["fieldsV1"] is JsonObject fields)
            {
                Union(target, fields);
            }
        }

        return new JsonArray(result.Select(JsonNode (e) => e).ToArray());
    }

    private static void Union(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (target[key] is JsonObject existing && value is JsonObject incoming)
            {
                Union(existing, incoming);
            }
            else if (!target.ContainsKey(key))
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    private static void RemoveKeys(JsonObject? map, string prefix, IEnumerable<string> keys, JsonArray ops)
    {
        if (map is null)
        {
            return;
        }

        foreach (var key in keys.Where(map.ContainsKey))
        {
            ops.Add(new JsonObject { ["op"] = "remove", ["path"] = prefix + EscapePointer(key) });
        }
    }

    /// <summary>RFC 6901 escaping of one reference token.</summary>
    internal static string EscapePointer(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
