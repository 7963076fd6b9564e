using FluxOperator.Controllers.Api.V1;
using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>What <see cref="PassRunner"/> needs of any pass over one of our objects (a FluxInstance, a ResourceSet).</summary>
public interface IObjectPass
{
    /// <summary>The conditions the exit step writes.</summary>
    IConditionedStatus Conditions { get; }

    /// <summary>The finalizers the exit step writes.</summary>
    List<string> Finalizers { get; }

    /// <summary><c>metadata.generation</c>.</summary>
    long Generation { get; }

    /// <summary>True when the object carries a deletion timestamp.</summary>
    bool Deleting { get; }

    /// <summary>True when the object asks not to be reconciled.</summary>
    bool Disabled { get; }

    /// <summary>Intervals raised to their floor, each reported as a Warning event.</summary>
    IReadOnlyList<string> FloorWarnings { get; }

    /// <summary>The <c>reconcile.fluxcd.io/requestedAt</c> value this pass handles, if any.</summary>
    string? RequestedAt { get; }

    /// <summary><c>status.lastHandledReconcileAt</c>.</summary>
    string? LastHandledReconcileAt { get; set; }

    /// <summary>The reference events are recorded against.</summary>
    V1ObjectReference Reference { get; }
}
