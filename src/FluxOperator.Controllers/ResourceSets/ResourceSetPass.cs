using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Reconciliation;
using k8s.Models;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The working state of one pass over a ResourceSet: the object as read, the status being built, the clock.</summary>
public sealed class ResourceSetPass : IObjectPass
{
    /// <summary>Starts a pass over a freshly read set.</summary>
    public ResourceSetPass(ResourceSet set, long startedAt, Reporting.IntervalFloors? floors = null)
    {
        Set = set ?? throw new ArgumentNullException(nameof(set));
        Status = set.Status ?? new ResourceSetStatus();
        Finalizers = [.. set.Metadata.Finalizers ?? []];
        OriginalFinalizers = [.. Finalizers];
        Settings = ResourceSetSettings.Of(set, floors);
        PreviousInventory = ObjectInventory.FromStatus(Status.Inventory);
        StartedAt = startedAt;
    }

    /// <summary>The set as read at the start of the pass.</summary>
    public ResourceSet Set { get; }

    /// <summary>The status the exit step writes (starts as the stored status).</summary>
    public ResourceSetStatus Status { get; }

    /// <summary>The finalizers the exit step writes.</summary>
    public List<string> Finalizers { get; }

    /// <summary>The finalizers as read.</summary>
    public IReadOnlyList<string> OriginalFinalizers { get; }

    /// <summary>The annotations that steer the pass.</summary>
    public ResourceSetSettings Settings { get; }

    /// <summary>The inventory stored before this pass.</summary>
    public ObjectInventory PreviousInventory { get; }

    /// <summary>Timestamp (of the pass's <see cref="TimeProvider"/>) when the reconcile phase began.</summary>
    public long StartedAt { get; set; }

    /// <summary>History metadata of the pass (<c>inputs</c>, <c>resources</c>, <c>steps</c>), once known.</summary>
    public Dictionary<string, string>? HistoryMetadata { get; set; }

    /// <summary><c>metadata.namespace</c>.</summary>
    public string Namespace => Set.Metadata.NamespaceProperty ?? "";

    /// <summary><c>metadata.name</c>.</summary>
    public string Name => Set.Metadata.Name ?? "";

    /// <summary><c>metadata.generation</c>.</summary>
    public long Generation => Set.Metadata.Generation ?? 0;

    /// <summary><c>ResourceSet/namespace/name</c>, as messages name the set.</summary>
    public string Subject => $"{ResourceSet.KubeKind}/{Namespace}/{Name}";

    /// <inheritdoc />
    public bool Deleting => Set.Metadata.DeletionTimestamp is not null;

    /// <inheritdoc />
    IReconciledStatus IObjectPass.Status => Status;

    /// <inheritdoc />
    IPassSettings IObjectPass.Settings => Settings;

    /// <summary>The reference events are recorded against.</summary>
    public V1ObjectReference Reference => new()
    {
        ApiVersion = ApiGroup.GroupVersion,
        Kind = ResourceSet.KubeKind,
        NamespaceProperty = Namespace,
        Name = Name,
        Uid = Set.Metadata.Uid,
        ResourceVersion = Set.Metadata.ResourceVersion,
    };
}
