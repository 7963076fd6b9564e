namespace FluxOperator.Controllers.Api.V1;

/// <summary>The API group and version of the operator's own kinds, and the names shared by all of them.</summary>
public static class ApiGroup
{
    /// <summary>API group.</summary>
    public const string Group = "fluxcd.controlplane.io";

    /// <summary>API version within the group.</summary>
    public const string Version = "v1";

    /// <summary><c>apiVersion</c> field value.</summary>
    public const string GroupVersion = Group + "/" + Version;

    /// <summary>Finalizer the operator puts on a FluxInstance.</summary>
    public const string Finalizer = Group + "/finalizer";

    /// <summary>Field manager of every write the operator makes.</summary>
    public const string FieldManager = "flux-operator";

    /// <summary>The only accepted object name for FluxInstance and FluxReport.</summary>
    public const string DefaultName = "flux";

    /// <summary>The namespace the operator normally runs in.</summary>
    public const string DefaultNamespace = "flux-system";
}
