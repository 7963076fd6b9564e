using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The resource types the ResourceSet controller reads and writes.</summary>
public static class ResourceSetResources
{
    /// <summary><c>resourcesets.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType ResourceSets { get; } = new(ApiGroup.Group, ApiGroup.Version, ResourceSet.KubeKind, ResourceSet.KubePluralName, true);

    /// <summary><c>resourcesetinputproviders.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType InputProviders { get; } =
        new(ApiGroup.Group, ApiGroup.Version, ResourceSetInputProvider.KubeKind, ResourceSetInputProvider.KubePluralName, true);

    /// <summary><c>fluxinstances.fluxcd.controlplane.io</c> (the event forwarding target is found through it).</summary>
    public static ResourceType FluxInstances { get; } = new(ApiGroup.Group, ApiGroup.Version, FluxInstance.KubeKind, FluxInstance.KubePluralName, true);

    /// <summary>Core ConfigMaps.</summary>
    public static ResourceType ConfigMaps { get; } = new("", "v1", "ConfigMap", "configmaps", true);

    /// <summary>Core Secrets.</summary>
    public static ResourceType Secrets { get; } = new("", "v1", "Secret", "secrets", true);

    /// <summary>Core ServiceAccounts.</summary>
    public static ResourceType ServiceAccounts { get; } = new("", "v1", "ServiceAccount", "serviceaccounts", true);
}
