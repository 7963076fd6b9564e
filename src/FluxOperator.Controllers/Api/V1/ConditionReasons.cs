namespace FluxOperator.Controllers.Api.V1;

/// <summary>Condition and event reasons (exact upstream strings).</summary>
public static class ConditionReasons
{
    /// <summary>A pass is running.</summary>
    public const string Progressing = "Progressing";

    /// <summary>The last pass failed and will be retried.</summary>
    public const string ProgressingWithRetry = "ProgressingWithRetry";

    /// <summary>The pass finished and everything is healthy.</summary>
    public const string ReconciliationSucceeded = "ReconciliationSucceeded";

    /// <summary>Apply, garbage collection or the health check failed.</summary>
    public const string ReconciliationFailed = "ReconciliationFailed";

    /// <summary>The <c>fluxcd.controlplane.io/reconcile: disabled</c> annotation is set.</summary>
    public const string ReconciliationDisabled = "ReconciliationDisabled";

    /// <summary>The build (or a preflight check) failed.</summary>
    public const string BuildFailed = "BuildFailed";

    /// <summary>The distribution artifact could not be pulled.</summary>
    public const string ArtifactFailed = "ArtifactFailed";

    /// <summary>A new event interrupted the health check.</summary>
    public const string HealthCheckCanceled = "HealthCheckCanceled";

    /// <summary>Exists upstream but is never set by the FluxInstance controller (it uses <see cref="ReconciliationFailed"/>).</summary>
    public const string HealthCheckFailed = "HealthCheckFailed";

    /// <summary>Event reason: the selected Flux version is not the latest stable one.</summary>
    public const string OutdatedVersion = "OutdatedVersion";

    /// <summary>ResourceSet: a <c>dependsOn</c> object is missing or not ready yet.</summary>
    public const string DependencyNotReady = "DependencyNotReady";

    /// <summary>ResourceSet: a <c>dependsOn[].readyExpr</c> is not valid CEL.</summary>
    public const string InvalidCelExpression = "InvalidCELExpression";

    /// <summary>Event reason: objects were applied or deleted.</summary>
    public const string ApplySucceeded = "ApplySucceeded";

    /// <summary>Event reason: an interval or timeout annotation was below its floor and the floor is used instead.</summary>
    public const string IntervalClamped = "IntervalClamped";

    /// <summary>UpgradePending=True: a newer Flux version is held until <c>fluxcd.controlplane.io/approvedVersion</c> names it.</summary>
    public const string AwaitingApproval = "AwaitingApproval";

    /// <summary>UpgradePending=False: the candidate version was approved and rolls out.</summary>
    public const string Approved = "Approved";

    /// <summary>Ready=False: a new revision failed its health check and the last healthy revision was re-applied.</summary>
    public const string RolledBack = "RolledBack";

    /// <summary>FluxReport: the report was computed.</summary>
    public const string Succeeded = "Succeeded";
}
