using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The resources the reconciler addresses by name.</summary>
public static class InstanceResources
{
    /// <summary><c>fluxinstances.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType FluxInstance { get; } = new("fluxcd.controlplane.io", "v1", "FluxInstance", "fluxinstances", true);

    /// <summary><c>fluxreports.fluxcd.controlplane.io</c>.</summary>
    public static ResourceType FluxReport { get; } = new("fluxcd.controlplane.io", "v1", "FluxReport", "fluxreports", true);

    /// <summary>Core Secrets (pull secrets are read, never cached).</summary>
    public static ResourceType Secret { get; } = new("", "v1", "Secret", "secrets", true);
}
