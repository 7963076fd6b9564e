using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The operator's own resources (<c>fluxcd.controlplane.io/v1</c>), addressed without discovery.</summary>
public static class OperatorResources
{
    /// <summary><c>fluxinstances.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType FluxInstance { get; } = new(ApiGroup.Group, ApiGroup.Version, V1.FluxInstance.KubeKind, V1.FluxInstance.KubePluralName, true);

    /// <summary><c>fluxreports.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType FluxReport { get; } = new(ApiGroup.Group, ApiGroup.Version, V1.FluxReport.KubeKind, V1.FluxReport.KubePluralName, true);

    /// <summary><c>resourcesets.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType ResourceSet { get; } = new(ApiGroup.Group, ApiGroup.Version, "ResourceSet", "resourcesets", true);

    /// <summary><c>resourcesetinputproviders.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType ResourceSetInputProvider { get; } = new(ApiGroup.Group, ApiGroup.Version, "ResourceSetInputProvider", "resourcesetinputproviders", true);
}
