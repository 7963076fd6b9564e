using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>A Flux custom resource kind found through its CRD, at its storage version.</summary>
/// <param name="Type">Where its objects are listed (group, storage version, plural, scope).</param>
/// <param name="IsOperatorKind">True for the operator's own kinds (suspension read from the reconcile annotation, no artifacts).</param>
public sealed record FluxKind(ResourceType Type, bool IsOperatorKind = false)
{
    /// <summary>The <c>apiVersion</c> of the kind's objects.</summary>
    public string ApiVersion => Type.ApiVersion;

    /// <summary>The kind.</summary>
    public string Kind => Type.Kind;
}
