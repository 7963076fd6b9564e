using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Patching;

/// <summary>
/// Decides how a list at a field path merges: from the CRD schema (<c>x-kubernetes-list-type</c>) for custom resources,
/// and from the patch-merge keys of the Kubernetes types for built-ins.
/// </summary>
public static class ListTypes
{
    /// <summary>The list type at <paramref name="path"/> (field names only, list positions left out).</summary>
    public static ListType For(ResourceType type, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return ListType.Atomic;
        }

        if (path[0] == "metadata")
        {
            return Metadata(path);
        }

        if (type.Schema is { } schema && FromSchema(schema, path) is { } declared)
        {
            return declared;
        }

        return BuiltIn(path);
    }

    private static ListType Metadata(IReadOnlyList<string> path) => path.Count == 2
        ? path[1] switch
        {
            "finalizers" => ListType.Set,
            "ownerReferences" => ListType.Map("uid"),
            _ => ListType.Atomic,
        }
        : ListType.Atomic;

    private static ListType BuiltIn(IReadOnlyList<string> path)
    {
        var inContainer = path.Count >= 2 && path[^2] is "containers" or "initContainers" or "ephemeralContainers";
        return path[^1] switch
        {
            "containers" or "initContainers" or "ephemeralContainers" or "env" or "volumes" or "imagePullSecrets" => ListType.Map("name"),
            "ports" when inContainer => ListType.Map("containerPort", "protocol"),
            "ports" when path.Count >= 2 && path[^2] == "spec" => ListType.Map("port", "protocol"),
            "volumeMounts" => ListType.Map("mountPath"),
            "volumeDevices" => ListType.Map("devicePath"),
            "conditions" => ListType.Map("type"),
            "hostAliases" => ListType.Map("ip"),
            "topologySpreadConstraints" => ListType.Map("topologyKey", "whenUnsatisfiable"),
            _ => ListType.Atomic,
        };
    }

    private static ListType? FromSchema(JsonObject schema, IReadOnlyList<string> path)
    {
        JsonNode? node = schema;
        foreach (var field in path)
        {
            // Step through list items transparently: paths carry field names only.
            while (node?["type"]?.ToString() == "array")
            {
                node = node["items"];
            }

            node = node?["properties"]?[field] ?? node?["additionalProperties"] as JsonObject;
            if (node is null)
            {
                return null;
            }
        }

        return node["x-kubernetes-list-type"]?.ToString() switch
        {
            "map" => ListType.Map((node["x-kubernetes-list-map-keys"] as JsonArray)?.Select(k => k?.ToString() ?? "").ToArray() ?? []),
            "set" => ListType.Set,
            "atomic" => ListType.Atomic,
            _ => null,
        };
    }
}
