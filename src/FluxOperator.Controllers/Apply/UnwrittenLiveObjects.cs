using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// Known live state restricted to objects this pass did not write: a cache may still hold the copy from before a
/// write (a configured Deployment would look Current at its old generation), so written objects are always read.
/// </summary>
internal sealed class UnwrittenLiveObjects(ILiveObjects inner, IEnumerable<ChangeSetEntry> entries) : ILiveObjects
{
    private readonly HashSet<ObjectId> _unwritten = [.. entries.Where(e => e.Action == ChangeAction.Unchanged).Select(e => e.Id)];

    /// <inheritdoc />
    public bool TryGet(ObjectId id, out JsonObject? live)
    {
        live = null;
        return _unwritten.Contains(id) && inner.TryGet(id, out live);
    }
}
