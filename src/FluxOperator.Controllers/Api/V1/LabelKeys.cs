namespace FluxOperator.Controllers.Api.V1;

/// <summary>Label keys the operator puts on or reads from managed objects (exact upstream strings).</summary>
public static class LabelKeys
{
    /// <summary>Ownership label: the FluxInstance name (<c>flux</c>).</summary>
    public const string OwnerName = ApiGroup.Group + "/name";

    /// <summary>Ownership label: the FluxInstance namespace.</summary>
    public const string OwnerNamespace = ApiGroup.Group + "/namespace";

    /// <summary><c>flux</c> on every rendered object.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary><c>flux-operator</c> on every rendered object.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary>The FluxInstance namespace.</summary>
    public const string Instance = "app.kubernetes.io/instance";

    /// <summary>The Flux version (<c>vX.Y.Z</c>).</summary>
    public const string Version = "app.kubernetes.io/version";

    /// <summary>The component a Flux object belongs to.</summary>
    public const string Component = "app.kubernetes.io/component";

    /// <summary>Set by <c>flux bootstrap</c> on what a Kustomization applied.</summary>
    public const string KustomizeName = "kustomize.toolkit.fluxcd.io/name";

    /// <summary>Default sharding label key (<c>spec.sharding.key</c>).</summary>
    public const string DefaultShardingKey = "sharding.fluxcd.io/key";

    /// <summary>Value of <see cref="PartOf"/>.</summary>
    public const string PartOfValue = "flux";

    /// <summary>Value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "flux-operator";
}
