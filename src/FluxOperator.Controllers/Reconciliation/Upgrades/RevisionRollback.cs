using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Upgrades;

/// <summary>
/// Runs after the health check: under <c>rollbackOnFailure: enabled</c> a new revision that failed its health check is
/// replaced by the last healthy one, rebuilt exactly from its record, applied, garbage-collected and health-checked;
/// after any healthy pass the record is brought up to date (docs/safe-upgrades.md).
/// </summary>
public sealed partial class RevisionRollback
{
    private readonly RevisionBuilder _builder;
    private readonly RevisionRecordStore _records;
    private readonly ServerSideApplier _applier;
    private readonly Pruner _pruner;
    private readonly InstanceEvents _events;
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ManagedObjectWatches? _watches;

    /// <summary>Creates the phase; <paramref name="watches"/> (optional) follows the restored inventory.</summary>
    public RevisionRollback(RevisionBuilder builder, RevisionRecordStore records, ServerSideApplier applier, Pruner pruner, InstanceEvents events,
        FluxInstanceReconcilerOptions options, TimeProvider time, ILogger<RevisionRollback> logger, ManagedObjectWatches? watches = null)
    {
        _builder = builder ?? throw new ArgumentNullException(nameof(builder));
        _records = records ?? throw new ArgumentNullException(nameof(records));
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _pruner = pruner ?? throw new ArgumentNullException(nameof(pruner));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _watches = watches;
    }

    /// <summary>
    /// Handles a failed health check of <paramref name="rollout"/>: re-applies the last healthy revision when rollback is
    /// enabled and the failed revision is a new one. Returns what the work queue does next, or null when nothing was
    /// rolled back (the failure stands). A rollback that fails itself throws, naming both failures.
    /// </summary>
    public async Task<ReconcileResult?> TryRollBackAsync(InstancePass pass, Rollout rollout, ResolvedSource candidateSource, PhaseFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(rollout);
        ArgumentNullException.ThrowIfNull(candidateSource);
        ArgumentNullException.ThrowIfNull(failure);
        var failedRevision = rollout.Build.Result.Revision;
        if (!UpgradeAnnotations.RollbackEnabled(pass.Instance) || rollout.Kind == RolloutKind.HeldAtRestored
            || rollout.Record.Healthy is not { } healthy || healthy.Revision == failedRevision)
        {
            return null; // first install, or the healthy revision itself failed: nothing to go back to
        }

        if (!healthy.IsVouchedFor(pass.Status))
        {
            throw Also(failure, $"rollback to {healthy.Revision} refused: the instance's history does not list it as healthy");
        }

        LogRollingBack(_logger, failedRevision, healthy.Revision, failure.Message);
        BuildOutcome restored;
        try
        {
            (restored, _) = await _builder.BuildAsync(pass.Instance, healthy.Spec, healthy.ArtifactDigest, null, cancellationToken);
        }
        catch (Exception e) when (e is RenderException or Distribution.Artifacts.ArtifactException or IOException or InvalidOperationException or FormatException
                                      or KubeApiException or HttpRequestException or YamlDotNet.Core.YamlException)
        {
            throw Also(failure, $"rollback to {healthy.Revision} failed: it cannot be rebuilt: {e.Message}");
        }

        if (restored.Result.Revision != healthy.Revision)
        {
            throw Also(failure, $"rollback to {healthy.Revision} refused: its record rebuilds as {restored.Result.Revision}");
        }

        await ReapplyAsync(pass, restored, RevisionBuilder.WithSpec(pass.Instance, healthy.Spec), failure, cancellationToken);

        var reason = failure.Message;
        var held = new FailedRevision(failedRevision, SpecDigest.Of(pass.Instance.Spec), candidateSource.ArtifactDigest ?? "", healthy.Revision, reason);
        await WriteAsync(pass, rollout.Record with { Failed = held }, cancellationToken);
        pass.Status.LastAttemptedRevision = healthy.Revision;
        pass.Status.LastAppliedRevision = healthy.Revision;
        pass.Status.LastArtifactRevision = string.IsNullOrEmpty(candidateSource.ArtifactDigest) ? null : candidateSource.ArtifactDigest;
        pass.Status.Components = [.. restored.Result.Components];
        var message = MarkRolledBack(pass, held, restored.Result.Version);
        await _events.ForwardAsync(pass, InstanceEvent.Warning(ConditionReasons.RolledBack, message, healthy.Revision), cancellationToken);
        return Next(pass);
    }

    /// <summary>
    /// After a healthy pass: records the applied revision as the last healthy one (clearing a held-back failure), or,
    /// for a pass held at the restored revision, keeps Ready=False with <c>RolledBack</c>. Returns the result to use
    /// instead of the success result when the pass was held, else null.
    /// </summary>
    public async Task<ReconcileResult?> CompleteAsync(InstancePass pass, Rollout rollout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(rollout);
        if (!UpgradeAnnotations.KeepsRevisions(pass.Instance))
        {
            return null;
        }

        if (rollout.Kind == RolloutKind.HeldAtRestored && rollout.Record.Failed is { } failed)
        {
            MarkRolledBack(pass, failed, rollout.Build.Result.Version);
            return Next(pass);
        }

        var build = rollout.Build.Result;
        var healthy = new HealthyRevision(build.Revision, build.Version, rollout.Source.ArtifactDigest ?? "", RevisionBuilder.Pinned(rollout.Spec, build.Version));
        await WriteAsync(pass, new RevisionRecord(healthy, null), cancellationToken);
        return null;
    }

    private async Task ReapplyAsync(InstancePass pass, BuildOutcome restored, FluxInstance restoredInstance, PhaseFailure failure, CancellationToken cancellationToken)
    {
        try
        {
            var changes = await _applier.ApplyAsync(AppliedMetadata.Prepare(restored.Result.Objects, restoredInstance), _watches, cancellationToken);
            var installed = ObjectInventory.FromStatus(pass.Status.Inventory);
            var next = changes.ToInventory();
            pass.Status.Inventory = next.With(installed.Entries).ToStatus();
            var allowCrds = string.Equals(pass.Instance.Annotation(AnnotationKeys.PruneCustomResourceDefinitions), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase);
            var pruned = await _pruner.PruneAsync(installed.StaleComparedTo(next), new PruneOptions(pass.Instance.Metadata.Name, pass.Instance.Metadata.NamespaceProperty, allowCrds), cancellationToken);
            pass.Status.Inventory = next.With(pruned.Retained).ToStatus();
            if (_watches is { } watches)
            {
                await watches.EnsureAsync(next, cancellationToken);
            }

            if (pruned.ErrorMessage is { } pruneError)
            {
                throw Also(failure, $"rollback to {restored.Result.Revision} failed: {pruneError}");
            }

            if (pass.Instance.Spec.WaitOrDefault && changes.Entries.Count > 0)
            {
                await _applier.WaitForHealthAsync(changes, new HealthCheckOptions(_options.HealthPollInterval, pass.Settings.ReconcileTimeout), null, cancellationToken);
            }
        }
        catch (ApplyException e)
        {
            throw Also(failure, $"rollback to {restored.Result.Revision} failed: {e.Message}");
        }
    }

    private string MarkRolledBack(InstancePass pass, FailedRevision failed, string version)
    {
        var message = $"rolled back from revision {failed.Revision} to revision {failed.RestoredRevision} (Flux {version}): {failed.Reason}; "
            + "the failed revision is not retried until the spec or the distribution artifact changes";
        var now = _time.GetUtcNow();
        InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "False", ConditionReasons.RolledBack, message, pass.Generation, now);
        InstanceConditions.Set(pass.Status, ConditionTypes.Stalled, "True", ConditionReasons.RolledBack, message, pass.Generation, now);
        InstanceConditions.Remove(pass.Status, ConditionTypes.Reconciling);
        var history = pass.Status.History ??= [];
        var digest = failed.RestoredRevision[(failed.RestoredRevision.IndexOf('@', StringComparison.Ordinal) + 1)..];
        SnapshotHistory.Upsert(history, digest, now.UtcDateTime, PassDuration.Exact(_time.GetElapsedTime(pass.StartedAt)), ConditionReasons.RolledBack,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["flux"] = version, ["rolledBackFrom"] = failed.Revision });
        return message;
    }

    private async Task WriteAsync(InstancePass pass, RevisionRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await _records.WriteAsync(pass.Instance, record, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: writing the revision record failed: {e.Message}", terminal: false, e);
        }
    }

    private ReconcileResult Next(InstancePass pass) =>
        pass.Settings.ReconcileEvery is { } every ? ReconcileResult.RequeueAfter(every, _options.IntervalJitter) : ReconcileResult.Done;

    private static PhaseFailure Also(PhaseFailure failure, string rollbackProblem) =>
        new(failure.Reason, $"{failure.Message}; {rollbackProblem}", terminal: false, failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revision {Failed} failed its health check, rolling back to {Restored}: {Reason}")]
    private static partial void LogRollingBack(ILogger logger, string failed, string restored, string reason);
}
