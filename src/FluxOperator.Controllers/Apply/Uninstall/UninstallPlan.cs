using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Apply.Uninstall;

/// <summary>
/// The uninstall order (docs/reconciliation.md#uninstall) as values, computed from the inventory: which Deployments stop first, which Flux kinds
/// lose their finalizers, what is deleted (reverse canonical order, CRDs last) and which CRDs are awaited.
/// The reconciler walks the steps; every deletion still goes through <c>PruneRules</c> on the live object.
/// </summary>
/// <param name="Orphan">True when nothing is to be deleted (disabled instance or empty inventory): only drop the finalizer.</param>
/// <param name="Deployments">Step 1: the inventory's Deployments, reverse canonical order, deleted then awaited.</param>
/// <param name="FinalizerReleases">Step 2: Flux kinds (group, kind) whose objects get <c>metadata.finalizers: []</c>.</param>
/// <param name="Deletions">Step 3: every inventory entry, reverse canonical order (CRDs last).</param>
/// <param name="CrdsToAwait">Step 4: the inventory's CRDs, awaited until gone.</param>
public sealed record UninstallPlan(
    bool Orphan,
    IReadOnlyList<InventoryEntry> Deployments,
    IReadOnlyList<(string Group, string Kind)> FinalizerReleases,
    IReadOnlyList<InventoryEntry> Deletions,
    IReadOnlyList<InventoryEntry> CrdsToAwait)
{
    /// <summary>The plan for an instance with this inventory; <paramref name="disabled"/> orphans Flux.</summary>
    public static UninstallPlan For(ObjectInventory? inventory, bool disabled)
    {
        if (disabled || inventory is null || inventory.Count == 0)
        {
            return new UninstallPlan(true, [], [], [], []);
        }

        var reversed = inventory.Entries.OrderByDescending(e => e.Id, ApplyOrder.Comparer).ToArray();
        return new UninstallPlan(
            false,
            reversed.Where(e => e.Id is { Group: "apps", Kind: "Deployment" }).ToArray(),
            FluxResourceKinds.All,
            reversed,
            reversed.Where(e => e.Id is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" }).ToArray());
    }
}
