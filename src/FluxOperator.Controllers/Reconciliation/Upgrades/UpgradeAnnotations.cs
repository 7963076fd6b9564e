using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The opt-in annotations of safe upgrades, read once.</summary>
public static class UpgradeAnnotations
{
    /// <summary><c>fluxcd.controlplane.io/upgradeApproval: required</c> (any case).</summary>
    public static bool ApprovalRequired(FluxInstance instance) =>
        string.Equals(instance?.Annotation(AnnotationKeys.UpgradeApproval), AnnotationKeys.RequiredValue, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>fluxcd.controlplane.io/rollbackOnFailure: enabled</c> (any case).</summary>
    public static bool RollbackEnabled(FluxInstance instance) =>
        string.Equals(instance?.Annotation(AnnotationKeys.RollbackOnFailure), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when either feature is on, so the last healthy revision is kept.</summary>
    public static bool KeepsRevisions(FluxInstance instance) => ApprovalRequired(instance) || RollbackEnabled(instance);
}
