using FluxOperator.Controllers.Api.V1;
using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>What <see cref="PassRunner"/> needs of any pass over one of our objects (a FluxInstance, a ResourceSet).</summary>
public interface IObjectPass
{
    /// <summary>The status the exit step writes.</summary>
    IReconciledStatus Status { get; }

    /// <summary>The annotations that steer the pass.</summary>
    IPassSettings Settings { get; }

    /// <summary>The finalizers the exit step writes.</summary>
    List<string> Finalizers { get; }

    /// <summary><c>metadata.generation</c>.</summary>
    long Generation { get; }

    /// <summary>True when the object carries a deletion timestamp.</summary>
    bool Deleting { get; }

    /// <summary>The reference events are recorded against.</summary>
    V1ObjectReference Reference { get; }
}
