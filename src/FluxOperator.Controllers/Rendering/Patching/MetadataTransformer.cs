using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Label and annotation transformers: write keys into metadata maps, creating them, overwriting values.</summary>
internal static class MetadataTransformer
{
    public static void SetLabels(List<Resource> resources, IEnumerable<KeyValuePair<string, string>> labels)
    {
        foreach (var resource in resources)
        {
            Set(Nodes.EnsureObject(Nodes.EnsureObject(resource.Manifest, "metadata"), "labels"), labels);
        }
    }

    public static void SetAnnotations(List<Resource> resources, IEnumerable<KeyValuePair<string, string>> annotations, bool includeTemplates)
    {
        foreach (var resource in resources)
        {
            var manifest = resource.Manifest;
            Set(Nodes.EnsureObject(Nodes.EnsureObject(manifest, "metadata"), "annotations"), annotations);
            if (!includeTemplates)
            {
                continue;
            }

            // kustomize's commonAnnotations field specs for pod templates.
            var id = resource.CurrentId;
            var paths = id.Kind switch
            {
                "Deployment" or "ReplicaSet" or "DaemonSet" or "StatefulSet" => [["spec", "template", "metadata"]],
                "ReplicationController" when id.Version == "v1" => [["spec", "template", "metadata"]],
                "Job" when id.Group == "batch" => [["spec", "template", "metadata"]],
                "CronJob" when id.Group == "batch" => new[] { ["spec", "jobTemplate", "metadata"], new[] { "spec", "jobTemplate", "spec", "template", "metadata" } },
                _ => Array.Empty<string[]>(),
            };
            foreach (var path in paths)
            {
                Set(Nodes.EnsureObject(Nodes.EnsurePath(manifest, path), "annotations"), annotations);
            }
        }
    }

    private static void Set(JsonObject map, IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            map[key] = value;
        }
    }
}
