namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>The approval gate's outcome for one build.</summary>
public enum ApprovalVerdict
{
    /// <summary>The instance does not ask for approvals: the build rolls out as always.</summary>
    NotGated,

    /// <summary>Approvals are required, but the build is no newer Flux version (first install, same version, config change).</summary>
    NoUpgrade,

    /// <summary>A newer version waits for approval: the installed version is reconciled instead.</summary>
    Hold,

    /// <summary><c>approvedVersion</c> names the candidate: it rolls out.</summary>
    Approved,
}
