using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>One object of a plan.</summary>
/// <param name="Id">The object.</param>
/// <param name="Action">Added, changed or removed.</param>
/// <param name="FieldPaths">For a changed object, the paths that differ (see <see cref="FieldDiff"/>); empty otherwise.</param>
public sealed record PlanEntry(ObjectId Id, PlanAction Action, IReadOnlyList<string> FieldPaths);
