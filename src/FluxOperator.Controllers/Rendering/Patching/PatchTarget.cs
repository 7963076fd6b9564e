using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>Which objects a patch applies to; every given part must match, absent or empty parts match everything.</summary>
/// <param name="Group">Anchored regex against the current API group (empty for the core group).</param>
/// <param name="Version">Anchored regex against the current API version.</param>
/// <param name="Kind">Anchored regex against the current kind.</param>
/// <param name="Name">Anchored regex against the original or the current name.</param>
/// <param name="Namespace">Anchored regex against the original or the current effective namespace.</param>
/// <param name="LabelSelector">Kubernetes label selector against the current labels.</param>
/// <param name="AnnotationSelector">Kubernetes label selector syntax against the current annotations.</param>
public sealed record PatchTarget(
    string? Group = null,
    string? Version = null,
    string? Kind = null,
    string? Name = null,
    string? Namespace = null,
    string? LabelSelector = null,
    string? AnnotationSelector = null);
