using NuGet.Versioning;

namespace FluxOperator.Controllers.Apply.Migration;

/// <summary>Whether storage-version migration is forced (the <c>forceAt</c> annotation, or a minor upgrade), on plain values.</summary>
public static class MigrationDecision
{
    /// <summary>
    /// Forced when <c>forceAt</c> is present, equals <c>requestedAt</c>, <c>requestedAt</c> is not yet handled and
    /// <c>forceAt</c> is not yet handled; or when the version moves to a higher minor of the same major.
    /// </summary>
    public static bool IsForced(string? forceAt, string? requestedAt, string? lastHandledReconcileAt, string? lastHandledForceAt, bool minorUpgrade) =>
        minorUpgrade ||
        (!string.IsNullOrEmpty(forceAt) && forceAt == requestedAt && requestedAt != lastHandledReconcileAt && forceAt != lastHandledForceAt);

    /// <summary>Whether <paramref name="to"/> is a higher minor of the same major than <paramref name="from"/> (empty from: fresh install, no).</summary>
    public static bool IsMinorUpgrade(SemanticVersion? from, SemanticVersion? to) =>
        from is not null && to is not null && from.Major == to.Major && to.Minor > from.Minor;
}
