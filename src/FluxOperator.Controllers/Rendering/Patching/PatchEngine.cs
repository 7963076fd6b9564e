using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Applies one <see cref="Patch"/> to a layer's objects: classify, select targets, merge or patch.</summary>
internal static class PatchEngine
{
    // kustomize keeps these internal annotations on objects while it builds; a JSON6902 patch sees them.
    private const string PreviousKinds = "internal.config.kubernetes.io/previousKinds";
    private const string PreviousNames = "internal.config.kubernetes.io/previousNames";
    private const string PreviousNamespaces = "internal.config.kubernetes.io/previousNamespaces";

    /// <summary>Applies the patch; returns how many objects it selected (0: the target matched nothing).</summary>
    public static int Apply(List<Resource> resources, Patch patch, int index)
    {
        try
        {
            return ApplyUnchecked(resources, patch);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException
            or System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new KustomizeError(e.Message, index, patch.Origin);
        }
    }

    private static int ApplyUnchecked(List<Resource> resources, Patch patch)
    {
        var text = patch.Text.Trim();
        if (text.Length == 0)
        {
            throw new InvalidOperationException("must specify one of patch and path");
        }

        var (operations, documents) = Classify(text);
        if (operations is not null)
        {
            if (patch.Target is null)
            {
                throw new InvalidOperationException($"must specify a target for JSON patch {Quoted(text)}");
            }

            var selector = new TargetSelector(patch.Target);
            var selected = resources.Where(selector.Matches).ToArray();
            foreach (var resource in selected)
            {
                ApplyJson6902(resource, operations);
            }

            return selected.Length;
        }

        if (patch.Target is not null)
        {
            if (documents!.Count > 1)
            {
                throw new InvalidOperationException($"Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: {Quoted(text)}");
            }

            var selector = new TargetSelector(patch.Target);
            var selected = resources.Where(selector.Matches).ToArray();
            foreach (var resource in selected)
            {
                var copy = (JsonObject)documents[0].DeepClone();
                StringifyMetadataMap(copy, "labels");
                StringifyMetadataMap(copy, "annotations");
                ApplyStrategicMerge(resources, resource, copy);
            }

            return selected.Length;
        }

        var errors = new List<string>();
        foreach (var document in documents!)
        {
            var id = ResourceId.Of(document);
            var matches = resources.Where(r => r.PreviousIds.Append(r.CurrentId).Any(p => p.Equals(id))).ToArray();
            if (matches.Length != 1)
            {
                var problem = matches.Length == 0 ? "no matches" : "multiple matches";
                errors.Add($"no resource matches strategic merge patch \"{id}\": {problem} for Id {id}; failed to find unique target for patch {id}");
                continue;
            }

            ApplyStrategicMerge(resources, matches[0], (JsonObject)document.DeepClone());
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", errors));
        }

        return documents.Count;
    }

    /// <summary>JSON6902 when the text is a sequence, strategic merge when it is objects, with the reference's errors.</summary>
    private static (JsonArray? Operations, List<JsonObject>? Documents) Classify(string text)
    {
        IReadOnlyList<JsonNode?> parsed;
        try
        {
            parsed = YamlDocuments.Parse(text);
        }
        catch (InputLimitException e)
        {
            throw new InvalidOperationException($"patch rejected: {e.Message}", e);
        }
        catch (YamlException)
        {
            throw new InvalidOperationException($"unable to parse SM or JSON patch from {Quoted(text)}");
        }

        if (parsed.Count == 0 || (parsed is [JsonArray { Count: 0 }]))
        {
            throw new InvalidOperationException($"illegally qualifies as both an SM and JSON patch: {Quoted(text)}");
        }

        if (parsed is [JsonArray operations])
        {
            return operations.All(o => o is JsonObject)
                ? ((JsonArray)operations.DeepClone(), null)
                : throw new InvalidOperationException($"unable to parse SM or JSON patch from {Quoted(text)}");
        }

        if (parsed.All(d => d is JsonObject))
        {
            var documents = parsed.Cast<JsonObject>().Where(d => d.Count > 0).ToList();
            if (documents.Any(d => Nodes.StringAt(d, "kind").Length == 0 || d["metadata"] is not JsonObject m || Nodes.StringAt(m, "name").Length == 0))
            {
                // kustomize reads strategic-merge patches as resources: each needs a kind and a name.
                throw new InvalidOperationException($"unable to parse SM or JSON patch from {Quoted(text)}");
            }

            return documents.Count > 0
                ? (null, documents)
                : throw new InvalidOperationException("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }

        throw new InvalidOperationException($"unable to parse SM or JSON patch from {Quoted(text)}");
    }

    private static void ApplyStrategicMerge(List<Resource> resources, Resource resource, JsonObject patch)
    {
        var id = resource.CurrentId;
        var merged = StrategicMerge.Apply(resource.Manifest, patch);
        if (merged is null)
        {
            resources.Remove(resource);
            return;
        }

        // The patch may not rename, re-kind or move the object: kustomize restores all three.
        merged["kind"] = id.Kind;
        var metadata = Nodes.EnsureObject(merged, "metadata");
        metadata["name"] = id.Name;
        if (id.Namespace.Length > 0)
        {
            metadata["namespace"] = id.Namespace;
        }
        else
        {
            metadata.Remove("namespace");
        }

        resource.Manifest = merged;
    }

    private static void ApplyJson6902(Resource resource, JsonArray operations)
    {
        resource.StorePreviousId();
        var manifest = resource.Manifest;
        var annotations = Nodes.EnsureObject(Nodes.EnsureObject(manifest, "metadata"), "annotations");
        annotations[PreviousKinds] = string.Join(',', resource.PreviousIds.Select(p => p.Kind));
        annotations[PreviousNames] = string.Join(',', resource.PreviousIds.Select(p => p.Name));
        annotations[PreviousNamespaces] = string.Join(',', resource.PreviousIds.Select(p => p.EffectiveNamespace));
        JsonPatch.Apply(manifest, (JsonArray)operations.DeepClone());

        // kustomize re-reads the annotations as strings and drops its internal ones again.
        if (manifest["metadata"] is JsonObject metadata && metadata["annotations"] is JsonObject after)
        {
            after.Remove(PreviousKinds);
            after.Remove(PreviousNames);
            after.Remove(PreviousNamespaces);
            StringifyMetadataMap(manifest, "annotations");
        }
    }

    /// <summary>kustomize handles labels/annotations of some paths as string maps: values become their text, an empty map goes away.</summary>
    internal static void StringifyMetadataMap(JsonObject manifest, string field)
    {
        if (manifest["metadata"] is not JsonObject metadata || !metadata.ContainsKey(field))
        {
            return;
        }

        if (metadata[field] is not JsonObject map || map.Count == 0)
        {
            metadata.Remove(field);
            return;
        }

        foreach (var (key, value) in map.ToArray())
        {
            map[key] = StrategicMerge.Text(value);
        }
    }

    /// <summary>The reference's <c>[patch: "…"]</c> rendering, with Go's %q escaping.</summary>
    internal static string Quoted(string text)
    {
        var builder = new StringBuilder("[patch: \"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return builder.Append("\"]").ToString();
    }
}
