using FluxOperator.Controllers.Inventory;

namespace FluxOperator.Controllers.Apply.Pruning;

/// <summary>The outcome of a prune.</summary>
/// <param name="ChangeSet">One <c>deleted</c> or <c>skipped</c> entry per stale object handled, in deletion order.</param>
/// <param name="Retained">
/// Stale entries that must stay in the inventory so the next pass retries them: failed deletions and CRDs kept
/// because custom resources of them exist. Not-owned and prune-disabled objects are not retained: they are no
/// longer ours.
/// </param>
/// <param name="Errors">One message per failed query or delete (<c>&lt;subject&gt; delete failed: …</c>).</param>
public sealed record PruneResult(ChangeSet ChangeSet, IReadOnlyList<InventoryEntry> Retained, IReadOnlyList<string> Errors)
{
    /// <summary><c>delete failed, errors: e1;e2;</c> (the Go operator's text), or null when nothing failed.</summary>
    public string? ErrorMessage => Errors.Count == 0 ? null : "delete failed, errors: " + string.Concat(Errors.Select(e => e + ";"));

    /// <summary>CRDs kept because their custom resources exist, with the reason (for status and an event).</summary>
    public IEnumerable<ChangeSetEntry> ProtectedCrds => ChangeSet.Entries.Where(e => e.Action == ChangeAction.Skipped && e.Id.Kind == "CustomResourceDefinition" && Retained.Any(r => r.Id == e.Id));
}
