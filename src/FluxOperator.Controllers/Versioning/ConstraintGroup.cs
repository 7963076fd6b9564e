namespace FluxOperator.Controllers.Versioning;

/// <summary>One `||` alternative of a constraint: comparators that must all hold (space or comma means AND).</summary>
/// <param name="Comparators">The comparators, in the order written.</param>
/// <param name="AdmitsPrereleases">True when a comparator of this group names a pre-release; only then may pre-release candidates satisfy the group.</param>
public sealed record ConstraintGroup(IReadOnlyList<VersionComparator> Comparators, bool AdmitsPrereleases);
