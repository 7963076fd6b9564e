using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Inventory;
using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The working state of one pass: the instance as read, the status being built, and the pass clock.</summary>
public sealed class InstancePass
{
    /// <summary>Starts a pass over a freshly read instance.</summary>
    public InstancePass(FluxInstance instance, long startedAt, Reporting.IntervalFloors? floors = null)
    {
        Instance = instance ?? throw new ArgumentNullException(nameof(instance));
        Status = instance.Status ?? new FluxInstanceStatus();
        Finalizers = [.. instance.Metadata.Finalizers ?? []];
        OriginalFinalizers = [.. Finalizers];
        Settings = InstanceSettings.Of(instance, floors);
        PreviousInventory = ObjectInventory.FromStatus(Status.Inventory);
        StartedAt = startedAt;
    }

    /// <summary>The instance as read at the start of the pass.</summary>
    public FluxInstance Instance { get; }

    /// <summary>The status the exit step writes (starts as the stored status).</summary>
    public FluxInstanceStatus Status { get; }

    /// <summary>The finalizers the exit step writes.</summary>
    public List<string> Finalizers { get; }

    /// <summary>The finalizers as read.</summary>
    public IReadOnlyList<string> OriginalFinalizers { get; }

    /// <summary>The annotations that steer the pass.</summary>
    public InstanceSettings Settings { get; }

    /// <summary>The inventory stored before this pass.</summary>
    public ObjectInventory PreviousInventory { get; }

    /// <summary>Timestamp (of the pass's <see cref="TimeProvider"/>) when the reconcile phase began.</summary>
    public long StartedAt { get; set; }

    /// <summary><c>metadata.generation</c>.</summary>
    public long Generation => Instance.Metadata.Generation ?? 0;

    /// <summary>Whether the object was found gone while writing (uninstall finished).</summary>
    public bool Gone { get; set; }

    /// <summary>The reference events are recorded against.</summary>
    public V1ObjectReference Reference => new()
    {
        ApiVersion = ApiGroup.GroupVersion,
        Kind = FluxInstance.KubeKind,
        NamespaceProperty = Instance.Metadata.NamespaceProperty,
        Name = Instance.Metadata.Name,
        Uid = Instance.Metadata.Uid,
        ResourceVersion = Instance.Metadata.ResourceVersion,
    };
}
