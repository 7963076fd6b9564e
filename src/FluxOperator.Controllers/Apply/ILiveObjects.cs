using System.Text.Json.Nodes;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// Live state a caller already knows (e.g. label-filtered informer caches over the inventory's kinds), so the
/// applier can skip the GET, and skip the dry-run when the object provably did not change since it was verified.
/// </summary>
public interface ILiveObjects
{
    /// <summary>
    /// True when the source is authoritative for this object (its kind is watched and synced); <paramref name="live"/>
    /// is then the current object, or null when it does not exist. False: unknown, the applier reads it itself.
    /// </summary>
    bool TryGet(ObjectId id, out JsonObject? live);
}
