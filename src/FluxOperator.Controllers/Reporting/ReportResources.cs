using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>The resources the report reads and writes, known without discovery.</summary>
public static class ReportResources
{
    /// <summary>The singleton report (<c>fluxreports.fluxcd.io</c>).</summary>
    public static ResourceType FluxReports { get; } = new(ApiGroup.Group, ApiGroup.Version, FluxReport.KubeKind, FluxReport.KubePluralName, true);

    /// <summary>The FluxInstance (<c>fluxinstances.fluxcd.controlplane.io</c>).</summary>
    public static ResourceType FluxInstances { get; } = new(ApiGroup.Group, ApiGroup.Version, FluxInstance.KubeKind, FluxInstance.KubePluralName, true);

    /// <summary>Flux controller Deployments.</summary>
    public static ResourceType Deployments { get; } = new("apps", "v1", "Deployment", "deployments", true);

    /// <summary>Secrets (the entitlement, artifact pull secrets).</summary>
    public static ResourceType Secrets { get; } = new("", "v1", "Secret", "secrets", true);

    /// <summary>Nodes (counted).</summary>
    public static ResourceType Nodes { get; } = new("", "v1", "Node", "nodes", false);

    /// <summary>Core events, recorded against the FluxInstance.</summary>
    public static ResourceType Events { get; } = new("", "v1", "Event", "events", true);

    /// <summary>The CRD whose presence means Flux is installed.</summary>
    public const string GitRepositoryCrd = "gitrepositories.source.toolkit.fluxcd.io";

    /// <summary>The Secret the entitlement controller keeps in the operator namespace.</summary>
    public const string EntitlementSecret = "flux-operator-entitlement";

    /// <summary>The only accepted name of the FluxInstance and the FluxReport.</summary>
    public const string SingletonName = "flux";
}
