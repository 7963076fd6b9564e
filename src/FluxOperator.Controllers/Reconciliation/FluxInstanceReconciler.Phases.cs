using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Versioning;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The phases of a pass, in the order <c>ReconcileInstanceAsync</c> calls them.</summary>
public sealed partial class FluxInstanceReconciler
{
    /// <summary>In-cluster only, the embedded store must be sane.</summary>
    private void Preflight()
    {
        if (!_options.InCluster)
        {
            return;
        }

        if (!Directory.Exists(_options.StoragePath))
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"storage path {_options.StoragePath} does not exist", terminal: true) { Quiet = true };
        }

        var file = Path.Combine(_options.StoragePath, "flux-images", "VERSION");
        string text;
        try
        {
            text = File.ReadAllText(file).Trim();
        }
        catch (IOException e)
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"failed to read Flux version info from {file}: {e.Message}", terminal: true, e) { Quiet = true };
        }

        if (!LenientVersion.TryParse(text, out var version) || version < new SemanticVersion(2, 2, 0))
        {
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"version compatibility check failed: constraint '{text}' >= '2.2.0' not satisfied", terminal: true) { Quiet = true };
        }
    }

    /// <summary>
    /// The API server's schema and CEL rules plus the checks it cannot make, run here too: a cluster (or emulator)
    /// that did not enforce them must not get a half-valid install. Bad input is terminal (Stalled), never a retry storm.
    /// </summary>
    private void CheckSpec(InstancePass pass)
    {
        var problems = FluxInstanceManifest.Errors(pass.Instance);
        if (problems.Count > 0)
        {
            var message = $"build failed: invalid spec: {string.Join("; ", problems)}";
            RecordHistory(pass, SpecDigest.Of(pass.Instance.Spec), ConditionReasons.BuildFailed, metadata: null, pass.StartedAt, _time);
            throw new PhaseFailure(ConditionReasons.BuildFailed, message, terminal: true);
        }
    }

    /// <summary>Version, images and objects; failures are terminal.</summary>
    private async Task<BuildOutcome> BuildAsync(InstancePass pass, ResolvedSource source, CancellationToken cancellationToken)
    {
        BuildOutcome outcome;
        try
        {
            var sources = new BuildSources(source.Root)
            {
                EmbeddedRoot = _options.StoragePath,
                LastAppliedRevision = pass.Status.LastAppliedRevision,
                LoadRelease = dir => _releases.GetOrAdd(dir, ReleaseManifests.Load),
            };
            outcome = FluxInstanceBuilder.Build(pass.Instance, sources);
        }
        catch (Exception e) when (e is RenderException or IOException or InvalidOperationException or FormatException or YamlDotNet.Core.YamlException)
        {
            RecordHistory(pass, SpecDigest.Of(pass.Instance.Spec), ConditionReasons.BuildFailed, metadata: null, pass.StartedAt, _time);
            throw new PhaseFailure(ConditionReasons.BuildFailed, $"build failed: {e.Message}", terminal: true, e);
        }

        foreach (var notice in outcome.Notices)
        {
            LogBuildNotice(_logger, notice);
        }

        if (outcome.LatestVersion != outcome.Result.Version)
        {
            await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.OutdatedVersion, $"Flux {outcome.Result.Version} is outdated, the latest stable version is {outcome.LatestVersion}"), cancellationToken);
        }

        return outcome;
    }

    /// <summary>A new revision is announced once.</summary>
    private async Task RecordRevisionAsync(InstancePass pass, BuildOutcome build, CancellationToken cancellationToken)
    {
        var revision = build.Result.Revision;
        if (pass.Status.LastAttemptedRevision == revision)
        {
            return;
        }

        var message = string.IsNullOrEmpty(pass.Status.LastAttemptedRevision) ? $"Installing revision {revision}" : $"Upgrading to revision {revision}";
        LogRevision(_logger, message);
        pass.Status.LastAttemptedRevision = revision;
        await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.Progressing, message), cancellationToken);
    }

    /// <summary>Staged apply; inventory and components are stored even if a later phase fails.</summary>
    private async Task<ChangeSet> ApplyAsync(InstancePass pass, BuildOutcome build, CancellationToken cancellationToken, FluxInstance owner)
    {
        var objects = AppliedMetadata.Prepare(build.Result.Objects, owner);
        ChangeSet changes;
        try
        {
            changes = await _applier.ApplyAsync(objects, _watches, cancellationToken);
        }
        catch (ApplyException e)
        {
            throw Failed(pass, build, e.Message, e);
        }

        pass.Status.Components = [.. build.Result.Components];

        // Until garbage collection ran, the old entries stay listed too: a failure in between loses nothing.
        pass.Status.Inventory = changes.ToInventory().With(pass.PreviousInventory.Entries).ToStatus();
        LogApplied(_logger, changes.Entries.Count(e => e.Action != ChangeAction.Unchanged), changes.Entries.Count, build.Result.Revision);
        if (_watches is { } watches)
        {
            await watches.EnsureAsync(changes.ToInventory(), cancellationToken);
        }

        return changes;
    }

    /// <summary>Delete what is no longer rendered; failed deletions and CRDs with data stay listed and are retried.</summary>
    private async Task<PruneResult> PruneAsync(InstancePass pass, BuildOutcome build, ChangeSet applied, CancellationToken cancellationToken)
    {
        var next = applied.ToInventory();
        var stale = pass.PreviousInventory.StaleComparedTo(next);
        var allowCrds = string.Equals(pass.Instance.Annotation(AnnotationKeys.PruneCustomResourceDefinitions), AnnotationKeys.EnabledValue, StringComparison.OrdinalIgnoreCase);
        var result = await _pruner.PruneAsync(stale, new PruneOptions(pass.Instance.Metadata.Name, pass.Instance.Metadata.NamespaceProperty, allowCrds), cancellationToken);
        pass.Status.Inventory = next.With(result.Retained).ToStatus();
        var kept = result.ProtectedCrds.ToArray();
        if (kept.Length > 0)
        {
            var message = string.Join('\n', kept.Select(e => $"{e.Subject} kept: {e.Reason}"));
            await RecordAsync(pass, InstanceEvent.Warning("PruneSkipped", message, build.Result.Revision), cancellationToken);
        }

        if (result.ErrorMessage is { } error)
        {
            throw Failed(pass, build, error, null);
        }

        LogPruned(_logger, result.ChangeSet.Entries.Count);
        return result;
    }

    /// <summary>Every applied object must become Current; false when a new trigger interrupted the wait.</summary>
    private async Task<bool> WaitForHealthAsync(CancellationToken superseded, InstancePass pass, BuildOutcome build, ChangeSet applied, CancellationToken cancellationToken)
    {
        if (!pass.Instance.Spec.WaitOrDefault || applied.Entries.Count == 0)
        {
            return true;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, superseded);

        // Right after writes the caches may lag; known state only helps a pass that changed nothing.
        var known = applied.HasChanges ? null : _watches;
        try
        {
            await _applier.WaitForHealthAsync(applied, new HealthCheckOptions(_options.HealthPollInterval, pass.Settings.ReconcileTimeout), known, linked.Token);
            LogHealthy(_logger);
            return true;
        }
        catch (OperationCanceledException) when (superseded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var subject = $"FluxInstance/{pass.Instance.Metadata.NamespaceProperty}/{pass.Instance.Metadata.Name}";
            LogHealthCanceled(_logger);
            InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "False", ConditionReasons.HealthCheckCanceled, $"New reconciliation triggered by {subject}", pass.Generation, _time.GetUtcNow());
            await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.HealthCheckCanceled, $"Health checks canceled due to new reconciliation triggered by {subject}"), cancellationToken);
            return false;
        }
        catch (ApplyException e)
        {
            throw Failed(pass, build, e.Message, e);
        }
    }

    /// <summary>Storage-version migration; errors are only logged.</summary>
    private async Task MigrateAsync(InstancePass pass, BuildOutcome build, CancellationToken cancellationToken)
    {
        var settings = pass.Settings;
        var minorUpgrade = MigrationDecision.IsMinorUpgrade(VersionOf(pass.Status.LastAppliedRevision), VersionOf(build.Result.Revision));
        var force = MigrationDecision.IsForced(settings.ForceAt, settings.RequestedAt, pass.Status.LastHandledReconcileAt, pass.Status.LastHandledForceAt, minorUpgrade);
        if (settings.ForceAt is { } forceAt)
        {
            pass.Status.LastHandledForceAt = forceAt;
        }

        if (!pass.Instance.Spec.MigrateResourcesOrDefault)
        {
            return;
        }

        foreach (var error in await _migrator.MigrateAsync(force, cancellationToken))
        {
            LogMigrationFailed(_logger, error);
        }
    }

    /// <summary>One event listing what changed, when anything did.</summary>
    private async Task NotifyChangesAsync(InstancePass pass, BuildOutcome build, ChangeSet applied, PruneResult pruned, CancellationToken cancellationToken)
    {
        var lines = applied.Changes.Concat(pruned.ChangeSet.Entries).Select(e => e.ToString()).ToArray();
        if (lines.Length == 0)
        {
            return;
        }

        var verb = pass.PreviousInventory.Count == 0 ? "installed" : "updated";
        var message = $"Flux {build.Result.Version} {verb}\n{string.Join('\n', lines)}";
        await RecordAsync(pass, Forwarded(pass, InstanceEvent.Normal(ConditionReasons.ReconciliationSucceeded, message, build.Result.Revision)), cancellationToken);
    }

    /// <summary>Record success and schedule the next periodic pass.</summary>
    private async Task<ReconcileResult> SucceedAsync(InstancePass pass, BuildOutcome build, ResolvedSource source, CancellationToken cancellationToken)
    {
        pass.Status.LastAppliedRevision = pass.Status.LastAttemptedRevision;
        pass.Status.LastArtifactRevision = NullIfEmpty(source.ArtifactDigest);
        var message = $"Reconciliation finished in {PassDuration.Rounded(_time.GetElapsedTime(pass.StartedAt))}";
        var ready = source.ServedFromCacheBecause is { } why ? $"{message}; artifact served from cache while the registry is unreachable: {why}" : message;
        InstanceConditions.MarkSucceeded(pass.Status, ready, pass.Generation, _time.GetUtcNow());
        RecordHistory(pass, RevisionDigest(build.Result.Revision), ConditionReasons.ReconciliationSucceeded, Metadata(build), pass.StartedAt, _time);
        await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.ReconciliationSucceeded, message, pass.Status.LastAppliedRevision), cancellationToken);
        return pass.Settings.ReconcileEvery is { } every ? ReconcileResult.RequeueAfter(every, _options.IntervalJitter) : ReconcileResult.Done;
    }

    private PhaseFailure Failed(InstancePass pass, BuildOutcome build, string message, Exception? cause)
    {
        RecordHistory(pass, RevisionDigest(build.Result.Revision), ConditionReasons.ReconciliationFailed, Metadata(build), pass.StartedAt, _time);
        return new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: {message}", terminal: false, cause);
    }

    private static void RecordHistory(InstancePass pass, string digest, string status, Dictionary<string, string>? metadata, long startedAt, TimeProvider time)
    {
        var history = pass.Status.History ??= [];
        SnapshotHistory.Upsert(history, digest, time.GetUtcNow().UtcDateTime, PassDuration.Exact(time.GetElapsedTime(startedAt)), status, metadata);
    }

    private static Dictionary<string, string> Metadata(BuildOutcome build) => new(StringComparer.Ordinal) { ["flux"] = build.Result.Version };

    private static string RevisionDigest(string revision) => revision[(revision.IndexOf('@', StringComparison.Ordinal) + 1)..];


    private static SemanticVersion? VersionOf(string? revision)
    {
        if (string.IsNullOrEmpty(revision))
        {
            return null;
        }

        var at = revision.IndexOf('@', StringComparison.Ordinal);
        return LenientVersion.TryParse(at < 0 ? revision : revision[..at], out var version) ? version : null;
    }
}
