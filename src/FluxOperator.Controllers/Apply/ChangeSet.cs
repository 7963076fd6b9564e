using FluxOperator.Controllers.Inventory;

namespace FluxOperator.Controllers.Apply;

/// <summary>The outcome of an apply or a prune: one entry per object, in the order they were handled.</summary>
public sealed class ChangeSet
{
    /// <summary>Wraps entries.</summary>
    public ChangeSet(IEnumerable<ChangeSetEntry> entries) => Entries = entries?.ToArray() ?? throw new ArgumentNullException(nameof(entries));

    /// <summary>No entries.</summary>
    public static ChangeSet Empty { get; } = new([]);

    /// <summary>The entries.</summary>
    public IReadOnlyList<ChangeSetEntry> Entries { get; }

    /// <summary>Whether any entry is something other than <see cref="ChangeAction.Unchanged"/>.</summary>
    public bool HasChanges => Entries.Any(e => e.Action != ChangeAction.Unchanged);

    /// <summary>The entries that changed something (or were skipped), for the change log.</summary>
    public IEnumerable<ChangeSetEntry> Changes => Entries.Where(e => e.Action != ChangeAction.Unchanged);

    /// <summary>The inventory of every applied object (created, configured and unchanged), in apply order.</summary>
    public ObjectInventory ToInventory() =>
        new(Entries.Where(e => e.Action is ChangeAction.Created or ChangeAction.Configured or ChangeAction.Unchanged).Select(e => e.ToInventoryEntry()));

    /// <summary>One <c>&lt;subject&gt; &lt;action&gt;</c> line per changed entry.</summary>
    public string ChangeLog() => string.Join('\n', Changes.Select(e => e.ToString()));

    /// <summary>This change set followed by <paramref name="other"/>.</summary>
    public ChangeSet Concat(ChangeSet other) => new(Entries.Concat(other?.Entries ?? []));
}
