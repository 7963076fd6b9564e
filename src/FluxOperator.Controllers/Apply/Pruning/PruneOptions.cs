using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Apply.Pruning;

/// <summary>Whose objects a prune may delete, and how careful it is with CRDs.</summary>
/// <param name="OwnerName">The instance name in the ownership label (<c>flux</c>).</param>
/// <param name="OwnerNamespace">The instance namespace in the ownership label.</param>
/// <param name="DeleteCrdsWithResources">
/// False (garbage collection): a CRD whose custom resources still exist is kept and stays in the inventory, because
/// deleting it would delete them all. True: the user opted in, or uninstall deletes CRDs on purpose.
/// </param>
/// <param name="OwnerNameLabel">The label holding the owner's name (ResourceSets use their own keys).</param>
/// <param name="OwnerNamespaceLabel">The label holding the owner's namespace.</param>
public sealed record PruneOptions(string OwnerName, string OwnerNamespace, bool DeleteCrdsWithResources = false,
    string OwnerNameLabel = LabelKeys.OwnerName, string OwnerNamespaceLabel = LabelKeys.OwnerNamespace);
