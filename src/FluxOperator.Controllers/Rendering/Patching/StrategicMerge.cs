using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Strategic merge of one patch document into one object, with kustomize's (kyaml's) exact semantics.</summary>
/// <remarks>
/// A faithful port of kyaml's two-source walk: maps merge field by field (new fields in sorted order), <c>null</c>
/// clears, scalars and schema-less lists are replaced, <c>$patch: delete|replace|merge</c> is honoured on maps
/// and list elements. Lists the schema declares as merge lists (see <see cref="MergeSchema"/>) are merged by key:
/// patch elements first, then the remaining elements; multi-key lists (container and service ports) keep kyaml's
/// quirks, e.g. a patch port without <c>protocol</c> does not modify an existing port that has one. Other
/// directives (<c>$retainKeys</c>, <c>$setElementOrder/…</c>, <c>$deleteFromPrimitiveList/…</c>) are not interpreted
/// by kustomize and are copied into the object like ordinary fields, as here.
/// </remarks>
internal static partial class StrategicMerge
{
    /// <summary>Merges <paramref name="patch"/> (consumed) into <paramref name="target"/>; null when the object is deleted.</summary>
    public static JsonObject? Apply(JsonObject target, JsonObject patch)
    {
        var schema = MergeSchema.ForKind(Nodes.StringAt(target, "apiVersion"), Nodes.StringAt(target, "kind"));
        var result = Walk(new Source(true, target), new Source(true, patch), schema);
        return result.Present && result.Node is JsonObject { Count: > 0 } merged ? merged : null;
    }

    /// <summary>A walk source: absent (a missing field) differs from present-but-null (an explicit <c>null</c>).</summary>
    private readonly record struct Source(bool Present, JsonNode? Node)
    {
        public static readonly Source Missing = default;

        public bool MissingOrNull => !Present || Node is null;

        public bool TaggedNull => Present && Node is null;
    }

    private static Source Walk(Source dest, Source origin, MergeSchema? schema)
    {
        var kindNode = !dest.MissingOrNull ? dest.Node : !origin.MissingOrNull ? origin.Node : null;
        switch (kindNode)
        {
            case JsonObject:
                EnsureKind<JsonObject>(dest, origin, "MappingNode");
                return WalkMap(dest, origin, schema);
            case JsonArray:
                EnsureKind<JsonArray>(dest, origin, "SequenceNode");
                return schema is { IsMergeList: true } ? WalkMergeList(dest, origin, schema) : (origin.Present ? origin : dest);
            case JsonValue:
                EnsureKind<JsonValue>(dest, origin, "ScalarNode");
                return origin.Present ? origin : dest;
            default:
                return WalkMap(dest, origin, schema);
        }
    }

    private static void EnsureKind<T>(Source dest, Source origin, string expected)
        where T : JsonNode
    {
        foreach (var source in new[] { dest, origin })
        {
            if (!source.MissingOrNull && source.Node is not T)
            {
                throw new InvalidOperationException($"wrong node kind: expected {expected} but got {NodeKind(source.Node)}: node contents:\n{source.Node!.ToJsonString()}");
            }
        }
    }

    private static string NodeKind(JsonNode? node) => node switch
    {
        JsonObject => "MappingNode",
        JsonArray => "SequenceNode",
        _ => "ScalarNode",
    };

    private static Source WalkMap(Source dest, Source origin, MergeSchema? schema)
    {
        Source chosen;
        if (dest.MissingOrNull)
        {
            if (Directive(origin, strict: false) == "delete")
            {
                return Source.Missing;
            }

            chosen = origin;
        }
        else if (origin.TaggedNull)
        {
            return Source.Missing;
        }
        else
        {
            switch (Directive(origin, strict: true))
            {
                case "delete":
                    return Source.Missing;
                case "replace":
                    chosen = origin;
                    break;
                default:
                    chosen = dest;
                    break;
            }
        }

        if (chosen.Node is not JsonObject map)
        {
            return chosen.Present ? chosen : Source.Missing;
        }

        var originMap = origin.Node as JsonObject;
        var names = new SortedSet<string>(map.Select(p => p.Key), StringComparer.Ordinal);
        if (originMap is not null)
        {
            names.UnionWith(originMap.Select(p => p.Key));
        }

        foreach (var name in names)
        {
            var fieldDest = map.TryGetPropertyValue(name, out var d) ? new Source(true, d) : Source.Missing;
            var fieldOrigin = originMap is not null && originMap.TryGetPropertyValue(name, out var o) ? new Source(true, o) : Source.Missing;
            var value = Walk(fieldDest, fieldOrigin, schema?.Field(name));
            SetField(map, name, value);
        }

        return chosen;
    }

    private static void SetField(JsonObject map, string name, Source value)
    {
        if (value.MissingOrNull)
        {
            map.Remove(name);
            return;
        }

        if (map.TryGetPropertyValue(name, out var existing) && ReferenceEquals(existing, value.Node))
        {
            return;
        }

        map[name] = value.Node!.Parent is null ? value.Node : value.Node.DeepClone();
    }

    /// <summary>Reads and removes a map's <c>$patch</c> directive; unknown values fail only when <paramref name="strict"/>.</summary>
    private static string Directive(Source origin, bool strict)
    {
        if (origin.Node is not JsonObject map || !map.TryGetPropertyValue("$patch", out var value) || value is null)
        {
            return "merge";
        }

        var text = Text(value);
        if (text is "delete" or "replace" or "merge")
        {
            map.Remove("$patch");
            return text;
        }

        if (strict)
        {
            throw new InvalidOperationException($"unknown patch strategy '{text}'");
        }

        return "merge";
    }

    /// <summary>A scalar's text as YAML holds it; maps and lists have none.</summary>
    internal static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.TryGetValue(out string? s) => s,
        JsonValue value => value.ToJsonString(),
        _ => string.Empty,
    };
}
