namespace FluxOperator.Controllers.Apply;

/// <summary>The apply stages, in order (docs/reconciliation.md#apply).</summary>
public enum ApplyStage
{
    /// <summary>CustomResourceDefinitions, Namespaces, ClusterRoles; waited for until Current.</summary>
    Definitions = 1,

    /// <summary>Kinds whose name ends in <c>Class</c>; waited for until Current.</summary>
    Classes = 2,

    /// <summary>Everything else, including Flux custom resources; the health check follows.</summary>
    Resources = 4,
}
