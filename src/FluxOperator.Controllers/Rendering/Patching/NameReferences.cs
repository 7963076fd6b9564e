using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>kustomize's name-reference fixes: references to a renamed object follow it to its current name.</summary>
/// <remarks>
/// A reference holding an object's <em>original</em> name is rewritten to the object's current name when exactly one
/// object of the referenced kind has that original name (for namespaced kinds: in the referrer's namespace). Runs once,
/// at the end of the outermost layer.
/// </remarks>
internal static class NameReferences
{
    private static readonly string[] PodSpecPaths = ["spec/template/spec", "spec/jobTemplate/spec/template/spec", "spec", "template/spec"];

    public static void Fix(List<Resource> resources)
    {
        foreach (var referrer in resources)
        {
            var manifest = referrer.Manifest;
            var id = referrer.CurrentId;
            if (id.Kind is "RoleBinding" or "ClusterRoleBinding")
            {
                FixRoleRef(resources, manifest, id);
                FixSubjects(resources, manifest, id);
            }

            if (id.Kind == "ServiceAccount")
            {
                FixNamedList(resources, manifest["secrets"], "Secret", id.Namespace);
                FixNamedList(resources, manifest["imagePullSecrets"], "Secret", id.Namespace);
            }

            foreach (var path in PodSpecPaths)
            {
                if (Nodes.Walk(manifest, path.Split('/')) is JsonObject podSpec && (podSpec.ContainsKey("containers") || podSpec.ContainsKey("serviceAccountName")))
                {
                    FixPodSpec(resources, podSpec, id.Namespace);
                    break;
                }
            }
        }
    }

    private static void FixRoleRef(List<Resource> resources, JsonObject binding, ResourceId id)
    {
        if (binding["roleRef"] is not JsonObject roleRef)
        {
            return;
        }

        var kind = Nodes.StringAt(roleRef, "kind");
        if (kind is "ClusterRole" or "Role")
        {
            Rename(resources, roleRef, "name", kind, id.Namespace);
        }
    }

    private static void FixSubjects(List<Resource> resources, JsonObject binding, ResourceId id)
    {
        if (binding["subjects"] is not JsonArray subjects)
        {
            return;
        }

        foreach (var subject in subjects.OfType<JsonObject>())
        {
            if (Nodes.StringAt(subject, "kind") == "ServiceAccount")
            {
                var ns = Nodes.StringAt(subject, "namespace");
                Rename(resources, subject, "name", "ServiceAccount", ns.Length > 0 ? ns : id.Namespace);
            }
        }
    }

    private static void FixPodSpec(List<Resource> resources, JsonObject podSpec, string ns)
    {
        Rename(resources, podSpec, "serviceAccountName", "ServiceAccount", ns);
        FixNamedList(resources, podSpec["imagePullSecrets"], "Secret", ns);
        if (podSpec["volumes"] is JsonArray volumes)
        {
            foreach (var volume in volumes.OfType<JsonObject>())
            {
                RenameAt(resources, volume, "persistentVolumeClaim", "claimName", "PersistentVolumeClaim", ns);
                RenameAt(resources, volume, "configMap", "name", "ConfigMap", ns);
                RenameAt(resources, volume, "secret", "secretName", "Secret", ns);
                if (Nodes.Walk(volume, ["projected", "sources"]) is JsonArray sources)
                {
                    foreach (var source in sources.OfType<JsonObject>())
                    {
                        RenameAt(resources, source, "configMap", "name", "ConfigMap", ns);
                        RenameAt(resources, source, "secret", "name", "Secret", ns);
                    }
                }
            }
        }

        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            foreach (var container in (podSpec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var env in (container["env"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    if (env["valueFrom"] is JsonObject valueFrom)
                    {
                        RenameAt(resources, valueFrom, "configMapKeyRef", "name", "ConfigMap", ns);
                        RenameAt(resources, valueFrom, "secretKeyRef", "name", "Secret", ns);
                    }
                }

                foreach (var envFrom in (container["envFrom"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    RenameAt(resources, envFrom, "configMapRef", "name", "ConfigMap", ns);
                    RenameAt(resources, envFrom, "secretRef", "name", "Secret", ns);
                }
            }
        }
    }

    private static void FixNamedList(List<Resource> resources, JsonNode? list, string kind, string ns)
    {
        foreach (var item in (list as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Rename(resources, item, "name", kind, ns);
        }
    }

    private static void RenameAt(List<Resource> resources, JsonObject parent, string child, string field, string kind, string ns)
    {
        if (parent[child] is JsonObject holder)
        {
            Rename(resources, holder, field, kind, ns);
        }
    }

    private static void Rename(List<Resource> resources, JsonObject holder, string field, string kind, string ns)
    {
        var name = Nodes.StringAt(holder, field);
        if (name.Length == 0)
        {
            return;
        }

        var candidates = resources.Where(r => r.CurrentId.Kind == kind && r.OriginalId.Name == name).ToArray();
        if (!ClusterScopedKinds.Contains(kind))
        {
            // A namespaced object is only referenced from its own namespace (empty meaning default).
            var effective = ns.Length == 0 ? "default" : ns;
            candidates = candidates.Where(r => r.CurrentId.EffectiveNamespace == effective).ToArray();
        }

        if (candidates.Length == 1 && candidates[0].CurrentId.Name != name)
        {
            holder[field] = candidates[0].CurrentId.Name;
        }
    }
}
