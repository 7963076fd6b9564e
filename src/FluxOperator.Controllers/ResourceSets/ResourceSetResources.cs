using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The core resource types the ResourceSet controller reads that <see cref="KubeResources"/> does not list.</summary>
public static class ResourceSetResources
{
    /// <summary>Core ConfigMaps.</summary>
    public static ResourceType ConfigMaps { get; } = new("", "v1", "ConfigMap", "configmaps", true);

    /// <summary>Core ServiceAccounts.</summary>
    public static ResourceType ServiceAccounts { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", true);
}
