namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>kustomize's <c>nameSuffix</c>: appended to every name except CRDs, Namespaces and APIServices.</summary>
internal static class NameSuffixTransformer
{
    public static void Apply(List<Resource> resources, string suffix)
    {
        foreach (var resource in resources)
        {
            var id = resource.CurrentId;
            if (id.Kind is "CustomResourceDefinition" or "Namespace" || (id.Kind == "APIService" && id.Group == "apiregistration.k8s.io"))
            {
                continue;
            }

            resource.StorePreviousId();
            Nodes.EnsureObject(resource.Manifest, "metadata")["name"] = id.Name + suffix;
        }
    }
}
