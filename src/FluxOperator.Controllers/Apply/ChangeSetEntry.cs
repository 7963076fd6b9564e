using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply;

/// <summary>One object's outcome: <c>&lt;subject&gt; &lt;action&gt;</c>, with its identity and API version.</summary>
/// <param name="Id">The object identity.</param>
/// <param name="ApiVersion">The full <c>apiVersion</c> the object was applied or addressed at.</param>
/// <param name="Action">What happened.</param>
/// <param name="Reason">Why a <see cref="ChangeAction.Skipped"/> entry was skipped; null otherwise.</param>
public sealed record ChangeSetEntry(ObjectId Id, string ApiVersion, ChangeAction Action, string? Reason = null)
{
    /// <summary><c>Kind/namespace/name</c> or <c>Kind/name</c>.</summary>
    public string Subject => Id.Subject;

    /// <summary>The action as the Go operator spells it (<c>created</c>, <c>configured</c>, …).</summary>
    public string ActionText => Action.ToString().ToLowerInvariant();

    /// <summary>The inventory entry for this object.</summary>
    public InventoryEntry ToInventoryEntry() => InventoryEntry.Of(Id, ApiVersion);

    /// <summary>The change-log line <c>&lt;subject&gt; &lt;action&gt;</c>.</summary>
    public override string ToString() => $"{Subject} {ActionText}";
}
