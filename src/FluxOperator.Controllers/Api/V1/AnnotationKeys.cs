namespace FluxOperator.Controllers.Api.V1;

/// <summary>Annotation keys read or written by the operator, and their well-known values (exact upstream strings).</summary>
public static class AnnotationKeys
{
    /// <summary><c>enabled</c>/<c>disabled</c>; disabled pauses reconciliation (compared case-insensitively).</summary>
    public const string Reconcile = ApiGroup.Group + "/reconcile";

    /// <summary>Periodic full pass interval (duration, default 1h).</summary>
    public const string ReconcileEvery = ApiGroup.Group + "/reconcileEvery";

    /// <summary>Artifact digest poll interval (duration, default 10m).</summary>
    public const string ReconcileArtifactEvery = ApiGroup.Group + "/reconcileArtifactEvery";

    /// <summary>Health check timeout (duration, default 5m).</summary>
    public const string ReconcileTimeout = ApiGroup.Group + "/reconcileTimeout";

    /// <summary><c>disabled</c> (label or annotation) keeps an object from being deleted.</summary>
    public const string Prune = ApiGroup.Group + "/prune";

    /// <summary>
    /// <c>enabled</c> on the FluxInstance lets garbage collection delete a CRD whose custom resources still exist
    /// (our addition: without it such CRDs are kept and reported, so dropping a component never deletes user data).
    /// </summary>
    public const string PruneCustomResourceDefinitions = ApiGroup.Group + "/pruneCustomResourceDefinitions";

    /// <summary>
    /// <c>required</c> on the FluxInstance holds a newer Flux version until it is approved (our addition; the installed
    /// version keeps being reconciled meanwhile).
    /// </summary>
    public const string UpgradeApproval = ApiGroup.Group + "/upgradeApproval";

    /// <summary>The exact Flux version (<c>v2.9.4</c>) whose rollout is approved under <see cref="UpgradeApproval"/>.</summary>
    public const string ApprovedVersion = ApiGroup.Group + "/approvedVersion";

    /// <summary>
    /// <c>enabled</c> on the FluxInstance re-applies the last healthy revision when a new revision fails its health check
    /// (our addition).
    /// </summary>
    public const string RollbackOnFailure = ApiGroup.Group + "/rollbackOnFailure";

    /// <summary>Value of <see cref="UpgradeApproval"/> that turns the approval gate on.</summary>
    public const string RequiredValue = "required";

    /// <summary>The revision an event refers to.</summary>
    public const string Revision = ApiGroup.Group + "/revision";

    /// <summary>Size profile put on rendered Deployments.</summary>
    public const string Profile = ApiGroup.Group + "/profile";

    /// <summary>Changing it requests a pass; copied to <c>status.lastHandledReconcileAt</c>.</summary>
    public const string RequestedAt = "reconcile.fluxcd.io/requestedAt";

    /// <summary>Equal to <see cref="RequestedAt"/> it forces the storage-version migration.</summary>
    public const string ForceAt = "reconcile.fluxcd.io/forceAt";

    /// <summary>Prefix of annotations copied into forwarded events.</summary>
    public const string EventPrefix = "event.toolkit.fluxcd.io/";

    /// <summary>Rendered objects carry <c>Ignore</c> so a bootstrap Kustomization does not fight over them.</summary>
    public const string KustomizeSsa = "kustomize.toolkit.fluxcd.io/ssa";

    /// <summary>Rendered objects carry <c>Disabled</c> so a bootstrap Kustomization does not prune them.</summary>
    public const string KustomizePrune = "kustomize.toolkit.fluxcd.io/prune";

    /// <summary>Shard Deployments carry <c>shard</c>.</summary>
    public const string ShardingRole = "sharding.fluxcd.io/role";

    /// <summary><c>enabled</c> (on a ResourceSet or a generated object) recreates objects whose apply hits an immutable field.</summary>
    public const string Force = ApiGroup.Group + "/force";

    /// <summary><c>enabled</c> on a generated Job: a failed Job is deleted before the apply, so it runs again.</summary>
    public const string RecreateOnFailure = ApiGroup.Group + "/recreateOnFailure";

    /// <summary><c>namespace/name</c> on a generated ConfigMap or Secret: its data is copied from that object.</summary>
    public const string CopyFrom = ApiGroup.Group + "/copyFrom";

    /// <summary><c>namespace/name[:key]</c> on a generated ConfigMap: address and CA are read from a kubeconfig Secret.</summary>
    public const string ConvertKubeConfigFrom = ApiGroup.Group + "/convertKubeConfigFrom";

    /// <summary><c>Kind/namespace/name,…</c> in any metadata of a generated object: a checksum of those objects' data is written next to it.</summary>
    public const string ChecksumFrom = ApiGroup.Group + "/checksumFrom";

    /// <summary>The <c>sha256:&lt;hex&gt;</c> written for <see cref="ChecksumFrom"/>.</summary>
    public const string Checksum = ApiGroup.Group + "/checksum";

    /// <summary>kubectl's client-side apply record; hidden from dependency expressions.</summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Value of <see cref="Reconcile"/> that pauses reconciliation.</summary>
    public const string DisabledValue = "disabled";

    /// <summary>Value of <see cref="Reconcile"/> that (re-)enables reconciliation.</summary>
    public const string EnabledValue = "enabled";
}
