using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>kustomize's <c>namespace</c> transformer: every namespaced object moves to the layer's namespace.</summary>
internal static class NamespaceTransformer
{
    public static void Apply(List<Resource> resources, string ns)
    {
        foreach (var resource in resources)
        {
            var manifest = resource.Manifest;
            var id = resource.CurrentId;
            if (!id.IsClusterScoped)
            {
                if (id.Namespace != ns)
                {
                    resource.StorePreviousId();
                }

                Nodes.EnsureObject(manifest, "metadata")["namespace"] = ns;
            }
            else if (id.Kind == "Namespace")
            {
                Nodes.EnsureObject(manifest, "metadata")["name"] = ns;
            }

            if (id.Kind is "RoleBinding" or "ClusterRoleBinding" && manifest["subjects"] is JsonArray subjects)
            {
                // kustomize only forces the namespace of subjects named "default" (its service account hack).
                foreach (var subject in subjects.OfType<JsonObject>())
                {
                    if (Nodes.StringAt(subject, "name") == "default")
                    {
                        subject["namespace"] = ns;
                    }
                }
            }

            SetWhenPresent(manifest, id, "apiextensions.k8s.io", "CustomResourceDefinition", ns, "spec", "conversion", "webhook", "clientConfig", "service");
            SetWhenPresent(manifest, id, "apiregistration.k8s.io", "APIService", ns, "spec", "service");
        }

        var seen = new HashSet<ResourceId>();
        foreach (var resource in resources)
        {
            if (!seen.Add(resource.CurrentId))
            {
                throw new KustomizeError($"namespace transformation produces ID conflict: {resource.CurrentId}");
            }
        }
    }

    private static void SetWhenPresent(JsonObject manifest, ResourceId id, string group, string kind, string ns, params string[] path)
    {
        if (id.Group != group || id.Kind != kind)
        {
            return;
        }

        if (Nodes.Walk(manifest, path) is JsonObject service)
        {
            service["namespace"] = ns;
        }
    }
}
