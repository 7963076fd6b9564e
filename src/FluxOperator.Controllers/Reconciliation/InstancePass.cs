using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Rendering;
using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The working state of one pass, shared by its phases: the instance as read, the status being built, the pass
/// clock, and what each phase produced for the next (source, build, applied and pruned objects, health verdict).
/// </summary>
public sealed class InstancePass : IObjectPass
{
    private ResolvedSource? _source;
    private BuildOutcome? _build;
    private ChangeSet? _applied;
    private PruneResult? _pruned;

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

    /// <summary>Fires when a new trigger of the instance supersedes this pass (a long wait may give up).</summary>
    public CancellationToken Superseded { get; init; }

    /// <summary>Where the distribution was read from (set by the <see cref="InstanceStep.Source"/> step).</summary>
    public ResolvedSource Source
    {
        get => _source ?? throw NotYet(InstanceStep.Source);
        set => _source = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>What is rolled out (set by the <see cref="InstanceStep.Build"/> step; an approval phase may replace it).</summary>
    public BuildOutcome Build
    {
        get => _build ?? throw NotYet(InstanceStep.Build);
        set => _build = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>What the apply wrote or found unchanged (set by the <see cref="InstanceStep.Apply"/> step).</summary>
    public ChangeSet Applied
    {
        get => _applied ?? throw NotYet(InstanceStep.Apply);
        set => _applied = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>What garbage collection deleted or kept (set by the <see cref="InstanceStep.Prune"/> step).</summary>
    public PruneResult Pruned
    {
        get => _pruned ?? throw NotYet(InstanceStep.Prune);
        set => _pruned = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Which revision the pass applies and why (set by the approval step of safe upgrades; null without it): the
    /// recovery and completion steps read it.
    /// </summary>
    public Upgrades.Rollout? Rollout { get; set; }

    /// <summary>
    /// Why the health check failed, until a <see cref="InstanceStep.Recovery"/> phase handles it; the pipeline fails
    /// the pass with it after that step.
    /// </summary>
    public PhaseFailure? HealthFailure { get; set; }

    /// <inheritdoc />
    public bool Deleting => Instance.Metadata.DeletionTimestamp is not null;

    /// <inheritdoc />
    IReconciledStatus IObjectPass.Status => Status;

    /// <inheritdoc />
    IPassSettings IObjectPass.Settings => Settings;

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

    private static InvalidOperationException NotYet(InstanceStep step) =>
        new($"the {step} step has not run in this pass");
}
