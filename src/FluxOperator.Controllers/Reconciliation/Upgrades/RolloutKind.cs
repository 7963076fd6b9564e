namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>Which revision a pass applies.</summary>
public enum RolloutKind
{
    /// <summary>What the spec and the distribution resolve to now (the usual case).</summary>
    Candidate,

    /// <summary>The installed Flux version with the current spec, while a newer version waits for approval.</summary>
    HeldAtInstalled,

    /// <summary>The restored healthy revision, while the spec and artifact are those of a rolled-back revision.</summary>
    HeldAtRestored,
}
