namespace FluxOperator.Controllers.Apply;

/// <summary>What happened to one object in a pass (the Go operator's <c>ssa.Action</c> values).</summary>
public enum ChangeAction
{
    /// <summary>The object did not exist and was applied.</summary>
    Created,

    /// <summary>The object existed, differed from the desired state and was applied.</summary>
    Configured,

    /// <summary>The object already matched; nothing was written.</summary>
    Unchanged,

    /// <summary>The object was deleted (or was already gone).</summary>
    Deleted,

    /// <summary>The object was left in place on purpose (not ours, prune-disabled, or protecting data).</summary>
    Skipped,
}
