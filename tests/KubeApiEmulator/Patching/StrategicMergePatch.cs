using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: lists with a patch merge key merge item by item, the
/// <c>$patch</c>, <c>$deleteFromPrimitiveList/</c>, <c>$setElementOrder/</c> and <c>$retainKeys</c> directives apply.
/// </summary>
public static class StrategicMergePatch
{
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>.</summary>
    public static JsonObject Apply(ResourceType type, JsonObject target, JsonObject patch) =>
        MergeObject(type, target.DeepClone().AsObject(), patch, []) ?? [];

    private static JsonObject? MergeObject(ResourceType type, JsonObject target, JsonObject patch, List<string> path)
    {
        switch (patch["$patch"]?.ToString())
        {
            case "delete":
                return null;
            case "replace":
                return Strip(patch);
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) && value is JsonArray drop)
                {
                    var field = key[DeleteFromPrimitiveList.Length..];
                    if (target[field] is JsonArray list)
                    {
                        target[field] = new JsonArray(list.Where(i => !drop.Any(d => JsonNode.DeepEquals(d, i))).Select(i => i?.DeepClone()).ToArray());
                    }
                }

                continue;
            }

            if (value is null)
            {
                target.Remove(key);
                continue;
            }

            path.Add(key);
            target[key] = value switch
            {
                JsonObject o when target[key] is JsonObject existing => MergeObject(type, existing.DeepClone().AsObject(), o, path),
                JsonObject o => MergeObject(type, [], o, path),
                JsonArray a => MergeList(type, target[key] as JsonArray, a, path),
                _ => value.DeepClone(),
            };
            path.RemoveAt(path.Count - 1);
            if (target[key] is null && value is JsonObject)
            {
                target.Remove(key);
            }
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.ToString()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in target.Select(p => p.Key).Where(k => !keep.Contains(k)).ToArray())
            {
                target.Remove(key);
            }
        }

        return target;
    }

    private static JsonArray MergeList(ResourceType type, JsonArray? target, JsonArray patch, List<string> path)
    {
        var listType = ListTypes.For(type, path);
        if (patch.Any(i => i is JsonObject o && o["$patch"]?.ToString() == "replace"))
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o["$patch"] is not null)).Select(i => i?.DeepClone()).ToArray());
        }

        if (target is null || listType.Kind == "atomic")
        {
            return new JsonArray(patch.Where(i => !(i is JsonObject o && o["$patch"] is not null)).Select(i => i is JsonObject o ? Strip(o) : i?.DeepClone()).ToArray());
        }

        var result = target.Select(i => i?.DeepClone()).ToList();
        if (listType.Kind == "set")
        {
            foreach (var item in patch.Where(i => !result.Any(r => JsonNode.DeepEquals(r, i))))
            {
                result.Add(item?.DeepClone());
            }

            return new JsonArray([.. result]);
        }

        // Strategic merge uses the first key as the patch merge key (e.g. containerPort).
        var mergeKey = listType.Keys[0];
        foreach (var item in patch.OfType<JsonObject>())
        {
            var at = result.FindIndex(r => r is JsonObject o && JsonNode.DeepEquals(o[mergeKey], item[mergeKey]));
            if (item["$patch"]?.ToString() == "delete")
            {
                if (at >= 0)
                {
                    result.RemoveAt(at);
                }

                continue;
            }

            if (at >= 0)
            {
                result[at] = MergeObject(type, result[at]!.AsObject(), item, path);
            }
            else
            {
                result.Add(Strip(item));
            }
        }

        return new JsonArray([.. result.Where(r => r is not null)]);
    }

    private static JsonObject Strip(JsonObject patch)
    {
        var clean = new JsonObject();
        foreach (var (key, value) in patch)
        {
            if (!key.StartsWith('$'))
            {
                clean[key] = value is JsonObject o ? Strip(o) : value?.DeepClone();
            }
        }

        return clean;
    }

    /// <summary>True when the key names a directive that only orders elements (accepted and ignored).</summary>
    public static bool IsOrderDirective(string key) => key.StartsWith(SetElementOrder, StringComparison.Ordinal);
}
