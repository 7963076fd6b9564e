using System.Text.Json.Nodes;
using KubeApiEmulator.Patching;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Semantics;

namespace KubeApiEmulator.Apply;

/// <summary>
/// Server-side apply over JSON objects: merge the applied configuration (associative lists by key), detect conflicts
/// with other managers, remove fields the applier dropped, and keep <c>managedFields</c>; plus ownership for plain updates.
/// </summary>
public static class ServerSideApply
{
    /// <summary>Applies <paramref name="config"/> for <paramref name="manager"/> to <paramref name="live"/> (null creates) and returns the new object.</summary>
    /// <exception cref="ApiException">409 Conflict naming the managers and fields, unless <paramref name="force"/>.</exception>
    public static JsonObject Apply(ResourceType type, JsonObject? live, JsonObject config, string manager, bool force, FieldScope scope, string now)
    {
        var subresource = scope == FieldScope.Status ? "status" : "";
        var entries = ManagedFieldsEntry.ReadAll(live);
        var scoped = Restrict(config, scope);
        var configSet = ObjectFields.Collect(type, scoped, scope);
        var conflicts = FindConflicts(entries, manager, live, scoped, configSet);
        if (conflicts.Count > 0 && !force)
        {
            throw ConflictError(type, config, conflicts);
        }

        var merged = live?.DeepClone().AsObject() ?? Skeleton(config);
        MergeInto(type, merged, scoped, []);
        if (config["apiVersion"] is { } apiVersion)
        {
            merged["apiVersion"] = apiVersion.DeepClone();
        }

        var mine = entries.Find(e => e.Is(manager, "Apply", subresource));
        if (mine is not null)
        {
            bool Kept(string[] path) => configSet.ContainsOrBelow(path) || entries.Any(o => o != mine && o.Fields.ContainsOrBelow(path));
            foreach (var dropped in mine.Fields.Members().Where(p => !Kept(p)).OrderBy(p => p.Length))
            {
                ObjectFields.Remove(merged, dropped);
                RemoveEmptiedMaps(merged, dropped, Kept);
            }
        }
        else
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = "Apply", ApiVersion = type.ApiVersion, Subresource = subresource };
            entries.Add(mine);
        }

        foreach (var (owner, path) in conflicts)
        {
            owner.Fields.Remove(path);
        }

        if (mine.Time is null || !mine.Fields.SetEquals(configSet) || mine.ApiVersion != type.ApiVersion)
        {
            mine.Time = now;
        }

        mine.Fields = configSet;
        mine.ApiVersion = type.ApiVersion;
        ManagedFieldsEntry.WriteAll(merged, entries);
        return merged;
    }

    // The API server treats the maps above an applier's fields as its own too: a map left empty once the applier's
    // fields are gone is removed, up to the first map with other content, one someone still owns, or a list item.
    private static void RemoveEmptiedMaps(JsonObject merged, string[] removed, Func<string[], bool> kept)
    {
        for (var depth = removed.Length - 1; depth > 0 && removed[depth - 1].StartsWith("f:", StringComparison.Ordinal); depth--)
        {
            var parent = removed[..depth];
            if (!ObjectFields.TryGet(merged, parent, out var node) || node is not JsonObject { Count: 0 } || kept(parent))
            {
                return;
            }

            ObjectFields.Remove(merged, parent);
        }
    }

    /// <summary>Records a non-apply write: <paramref name="manager"/> takes the fields it changed, removed fields leave every set.</summary>
    public static void RecordUpdate(ResourceType type, JsonObject? old, JsonObject updated, List<ManagedFieldsEntry> entries,
        string manager, FieldScope scope, string now)
    {
        var subresource = scope == FieldScope.Status ? "status" : "";
        var newSet = ObjectFields.Collect(type, updated, scope);
        var oldSet = ObjectFields.Collect(type, old, scope);
        var changed = newSet.Members().Where(p => !Same(old, updated, p)).ToList();
        var removed = oldSet.Members().Where(p => !newSet.Contains(p)).ToList();
        var mine = entries.Find(e => e.Is(manager, "Update", subresource));
        foreach (var entry in entries)
        {
            foreach (var p in removed)
            {
                entry.Fields.Remove(p);
            }

            if (entry != mine)
            {
                foreach (var p in changed)
                {
                    entry.Fields.Remove(p);
                }
            }
        }

        if (changed.Count > 0)
        {
            if (mine is null)
            {
                mine = new ManagedFieldsEntry { Manager = manager, Operation = "Update", ApiVersion = type.ApiVersion, Subresource = subresource };
                entries.Add(mine);
            }

            if (old is null && mine.Fields.IsEmpty)
            {
                // A create: the writer owns exactly what it sent.
                mine.Fields = newSet;
            }
            else
            {
                foreach (var p in changed)
                {
                    mine.Fields.Add(p);
                }
            }

            mine.Time = now;
            mine.ApiVersion = type.ApiVersion;
        }

        ManagedFieldsEntry.WriteAll(updated, entries);
    }

    private static bool Same(JsonObject? old, JsonObject updated, string[] path) =>
        ObjectFields.TryGet(old, path, out var before) && ObjectFields.TryGet(updated, path, out var after) &&
        (!path[^1].StartsWith("f:", StringComparison.Ordinal) || JsonNode.DeepEquals(before, after));

    private static List<(ManagedFieldsEntry Owner, string[] Path)> FindConflicts(List<ManagedFieldsEntry> entries, string manager,
        JsonObject? live, JsonObject config, FieldSet configSet)
    {
        var conflicts = new List<(ManagedFieldsEntry, string[])>();
        if (live is null)
        {
            return conflicts;
        }

        var leaves = configSet.Members().Where(p => p[^1].StartsWith("f:", StringComparison.Ordinal)).ToArray();
        foreach (var entry in entries.Where(e => e.Manager != manager))
        {
            foreach (var path in leaves.Where(entry.Fields.Contains))
            {
                if (ObjectFields.TryGet(live, path, out var current) && ObjectFields.TryGet(config, path, out var wanted) &&
                    !JsonNode.DeepEquals(current, wanted))
                {
                    conflicts.Add((entry, path));
                }
            }
        }

        return conflicts;
    }

    private static ApiException ConflictError(ResourceType type, JsonObject config, List<(ManagedFieldsEntry Owner, string[] Path)> conflicts)
    {
        var name = config["metadata"]?["name"]?.ToString() ?? "";
        var causes = new JsonArray();
        var lines = new List<string>();
        foreach (var group in conflicts.GroupBy(c => c.Owner))
        {
            var who = group.Key.Operation == "Update" ? $"\"{group.Key.Manager}\" using {group.Key.ApiVersion}" : $"\"{group.Key.Manager}\"";
            var paths = group.Select(c => ObjectFields.Render(c.Path)).ToArray();
            lines.Add(paths.Length == 1 ? $"conflict with {who}: {paths[0]}" : $"conflicts with {who}:\n- {string.Join("\n- ", paths)}");
            foreach (var p in paths)
            {
                causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {who}", ["field"] = p });
            }
        }

        var count = conflicts.Count;
        var message = $"Apply failed with {count} conflict{(count == 1 ? "" : "s")}: {string.Join("\n", lines)}";
        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["causes"] = causes;
        return new ApiException(409, "Conflict", message, details);
    }

    private static JsonObject Restrict(JsonObject config, FieldScope scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in config)
        {
            if (key == "metadata" || ObjectFields.InScope(key, scope))
            {
                result[key] = value?.DeepClone();
            }
        }

        if (result["metadata"] is JsonObject meta)
        {
            foreach (var k in new[] { "managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
            {
                meta.Remove(k);
            }

            if (scope == FieldScope.Status)
            {
                foreach (var k in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                {
                    meta.Remove(k);
                }
            }
        }

        return result;
    }

    private static JsonObject Skeleton(JsonObject config) => new()
    {
        ["apiVersion"] = config["apiVersion"]?.DeepClone(),
        ["kind"] = config["kind"]?.DeepClone(),
        ["metadata"] = new JsonObject(),
    };

    private static void MergeInto(ResourceType type, JsonObject target, JsonObject config, List<string> path)
    {
        foreach (var (key, value) in config)
        {
            path.Add(key);
            switch (value)
            {
                case null:
                    target.Remove(key);
                    break;
                case JsonObject o when target[key] is JsonObject existing:
                    MergeInto(type, existing, o, path);
                    break;
                case JsonArray a when target[key] is JsonArray existing:
                    target[key] = MergeList(type, existing, a, path);
                    break;
                default:
                    target[key] = value.DeepClone();
                    break;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static JsonArray MergeList(ResourceType type, JsonArray live, JsonArray config, List<string> path)
    {
        var listType = ListTypes.For(type, path);
        if (listType.Kind == "set")
        {
            var union = live.Select(i => i?.DeepClone()).ToList();
            union.AddRange(config.Where(c => !live.Any(l => JsonNode.DeepEquals(l, c))).Select(c => c?.DeepClone()));
            return new JsonArray([.. union]);
        }

        if (!listType.IsMap || !config.All(i => i is JsonObject) || !live.All(i => i is JsonObject))
        {
            return config.DeepClone().AsArray();
        }

        var result = live.Select(i => i!.DeepClone().AsObject()).ToList();
        foreach (var item in config.Cast<JsonObject>())
        {
            var match = result.Find(r => ObjectFields.SameKey(r, item, listType.Keys));
            if (match is null)
            {
                result.Add(item.DeepClone().AsObject());
            }
            else
            {
                MergeInto(type, match, item, path);
            }
        }

        return new JsonArray([.. result]);
    }
}
