using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Inventory;

/// <summary>
/// The set of objects an instance applied, in apply order, one entry per identity (the version is not part of it).
/// Immutable; diffs return new values.
/// </summary>
public sealed class ObjectInventory
{
    private readonly Dictionary<ObjectId, InventoryEntry> _byId;

    /// <summary>Builds an inventory; a later entry for the same identity replaces the earlier one in place.</summary>
    public ObjectInventory(IEnumerable<InventoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _byId = [];
        var order = new List<ObjectId>();
        foreach (var entry in entries)
        {
            if (!_byId.ContainsKey(entry.Id))
            {
                order.Add(entry.Id);
            }

            _byId[entry.Id] = entry;
        }

        Entries = order.Select(id => _byId[id]).ToArray();
    }

    /// <summary>The empty inventory.</summary>
    public static ObjectInventory Empty { get; } = new([]);

    /// <summary>The entries, in the order they were added.</summary>
    public IReadOnlyList<InventoryEntry> Entries { get; }

    /// <summary>Number of entries.</summary>
    public int Count => Entries.Count;

    /// <summary>Whether an object with this identity is listed (any version).</summary>
    public bool Contains(ObjectId id) => _byId.ContainsKey(id);

    /// <summary>The entry for this identity, if listed.</summary>
    public InventoryEntry? Find(ObjectId id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads <c>status.inventory</c>; ids that do not parse are dropped (they cannot address an object).</summary>
    public static ObjectInventory FromStatus(ResourceInventory? inventory) =>
        inventory is null
            ? Empty
            : new ObjectInventory(inventory.Entries
                .Where(e => ObjectId.TryParse(e.Id, out _))
                .Select(e => new InventoryEntry(ObjectId.Parse(e.Id), e.Version)));

    /// <summary>The status form, in entry order.</summary>
    public ResourceInventory ToStatus() => new() { Entries = Entries.Select(e => e.ToResourceRef()).ToList() };

    /// <summary>
    /// Entries of this (previous) inventory whose identity is absent from <paramref name="next"/>, in reverse
    /// canonical order (the deletion order), with the version they were applied at.
    /// </summary>
    public IReadOnlyList<InventoryEntry> StaleComparedTo(ObjectInventory next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return Entries.Where(e => !next.Contains(e.Id)).OrderByDescending(e => e.Id, ApplyOrder.Comparer).ToArray();
    }

    /// <summary>This inventory plus entries of <paramref name="kept"/> not yet listed (appended in their order).</summary>
    public ObjectInventory With(IEnumerable<InventoryEntry> kept) => new(Entries.Concat(kept.Where(e => !Contains(e.Id))));

    /// <summary>The entries in canonical order.</summary>
    public IReadOnlyList<InventoryEntry> Sorted() => Entries.OrderBy(e => e.Id, ApplyOrder.Comparer).ToArray();
}
