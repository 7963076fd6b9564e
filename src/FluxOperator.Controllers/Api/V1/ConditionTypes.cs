namespace FluxOperator.Controllers.Api.V1;

/// <summary>Condition types written to <c>status.conditions</c> (exact upstream strings).</summary>
public static class ConditionTypes
{
    /// <summary>The object is reconciled (or why not).</summary>
    public const string Ready = "Ready";

    /// <summary>A pass is in progress or will be retried.</summary>
    public const string Reconciling = "Reconciling";

    /// <summary>The pass failed in a way retrying cannot fix (bad input).</summary>
    public const string Stalled = "Stalled";

    /// <summary>A newer Flux version waits for approval (our addition; only with <c>fluxcd.controlplane.io/upgradeApproval: required</c>).</summary>
    public const string UpgradePending = "UpgradePending";

    /// <summary>Sort order of operator-owned conditions; any other type sorts after these.</summary>
    public static IReadOnlyList<string> Order { get; } = [Stalled, Reconciling, Ready];
}
