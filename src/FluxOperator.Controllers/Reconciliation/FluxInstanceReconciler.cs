using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation.Upgrades;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Installs, upgrades, repairs and uninstalls Flux from the <c>&lt;ns&gt;/flux</c> FluxInstance. The shell
/// loads the object, handles deletion, finalizer and the disabled annotation, then runs the named phases; the
/// exit step writes finalizers and status once, whatever happened.
/// </summary>
public sealed partial class FluxInstanceReconciler : IReconciler
{
    private readonly IKubeClient _client;
    private readonly IEventRecorder _events;
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DistributionSource _distribution;
    private readonly ServerSideApplier _applier;
    private readonly Pruner _pruner;
    private readonly StorageVersionMigrator _migrator;
    private readonly Uninstaller _uninstaller;
    private readonly StatusWriter _status;
    private readonly ConcurrentDictionary<string, ReleaseManifests> _releases = new(StringComparer.Ordinal);
    private readonly ManagedObjectWatches? _watches;
    private readonly ReportRefresher? _reportRefresher;
    private readonly UpgradeGate _gate;
    private readonly RevisionRollback _rollback;

    /// <summary>
    /// Creates the reconciler. <paramref name="watches"/> (optional) gives drift in seconds and known live state;
    /// <paramref name="reportRefresher"/> (optional) asks for a report refresh at every exit step.
    /// </summary>
    public FluxInstanceReconciler(IKubeClient client, ArtifactStore artifacts, IEventRecorder events, FluxInstanceReconcilerOptions options, TimeProvider time, ILoggerFactory loggers,
        ManagedObjectWatches? watches = null, ReportRefresher? reportRefresher = null)
    {
        _watches = watches;
        _reportRefresher = reportRefresher;
        ArgumentNullException.ThrowIfNull(loggers);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<FluxInstanceReconciler>();
        _distribution = new DistributionSource(client, artifacts, options.StoragePath);
        _applier = new ServerSideApplier(client, new ServerSideApplierOptions { FieldManager = ApiGroup.FieldManager, OverrideManagers = options.OverrideManagers }, time, loggers.CreateLogger<ServerSideApplier>());
        _pruner = new Pruner(client, loggers.CreateLogger<Pruner>());
        _migrator = new StorageVersionMigrator(client, ApiGroup.FieldManager, time, loggers.CreateLogger<StorageVersionMigrator>());
        _uninstaller = new Uninstaller(client, time, options.HealthPollInterval, options.UninstallWaitTimeout, loggers);
        _status = new StatusWriter(client, time);
        var revisions = new RevisionBuilder(client, artifacts, options.StoragePath, dir => _releases.GetOrAdd(dir, ReleaseManifests.Load));
        var records = new RevisionRecordStore(client);
        _gate = new UpgradeGate(revisions, records, events, time, loggers.CreateLogger<UpgradeGate>());
        _rollback = new RevisionRollback(revisions, records, _applier, _pruner, events, options, time, loggers.CreateLogger<RevisionRollback>(), watches);
    }

    /// <inheritdoc />
    public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) =>
        ReconcileAsync(new ReconcileRequest(key, CancellationToken.None), cancellationToken);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var key = request.Key;
        // Singleton rule: only <ns>/flux exists for the operator; anything else is silently ignored.
        if (key.Namespace != _options.Namespace || key.Name != ApiGroup.DefaultName)
        {
            return ReconcileResult.Done;
        }

        var obj = await _client.GetAsync(OperatorResources.FluxInstance, key.Namespace, key.Name, cancellationToken);
        if (obj?.Deserialize<FluxInstance>(ApiJson.Options) is not { } instance)
        {
            return ReconcileResult.Done;
        }

        using var scope = _logger.BeginScope(new ReconcileScope("fluxinstance", key, FluxInstance.KubeKind));
        var pass = new InstancePass(instance, _time.GetTimestamp(), _options.IntervalFloors);
        try
        {
            return await RunAsync(request, pass, cancellationToken);
        }
        catch (PhaseFailure failure)
        {
            await FailAsync(pass, failure, cancellationToken);
            throw failure.Terminal ? new TerminalException(failure.Message, failure) : failure;
        }
        catch (Exception e) when (e is not OperationCanceledException and not TerminalException)
        {
            // Anything unforeseen still ends the pass visibly, and is retried with backoff.
            var failure = new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: {e.Message}", terminal: false, e);
            await FailAsync(pass, failure, cancellationToken);
            if (!ReconcileError.IsAnticipated(e))
            {
                throw; // a bug: the controller logs it with its stack trace
            }

            throw failure;
        }
        finally
        {
            await ExitAsync(pass, cancellationToken);
        }
    }

    private async Task<ReconcileResult> RunAsync(ReconcileRequest request, InstancePass pass, CancellationToken cancellationToken)
    {
        var hasFinalizer = pass.Finalizers.Contains(ApiGroup.Finalizer);
        if (pass.Instance.Metadata.DeletionTimestamp is not null)
        {
            if (hasFinalizer)
            {
                await _uninstaller.UninstallAsync(pass, cancellationToken);
                pass.Finalizers.Remove(ApiGroup.Finalizer);
                if (_watches is { } watches)
                {
                    await watches.StopAllAsync();
                }

                _applier.Memory.Clear();
            }

            return ReconcileResult.Done;
        }

        if (!hasFinalizer)
        {
            Initialise(pass);
            return ReconcileResult.Requeue;
        }

        if (pass.Settings.Disabled)
        {
            await RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.ReconciliationDisabled, ConditionMessages.Disabled), cancellationToken);
            return ReconcileResult.Done;
        }

        foreach (var warning in pass.Settings.FloorWarnings)
        {
            await RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.IntervalClamped, warning), cancellationToken);
        }

        return await ReconcileInstanceAsync(request, pass, cancellationToken);
    }

    /// <summary>The table of contents of a pass (docs/reconciliation.md#outline-of-a-pass).</summary>
    private async Task<ReconcileResult> ReconcileInstanceAsync(ReconcileRequest request, InstancePass pass, CancellationToken cancellationToken)
    {
        await MarkInProgressAsync(pass, cancellationToken);
        var source = await _distribution.ResolveAsync(pass.Instance, cancellationToken);
        Preflight();
        CheckSpec(pass);
        var rollout = await _gate.ChooseAsync(pass, await BuildAsync(pass, source, cancellationToken), source, cancellationToken);
        var build = rollout.Build;
        await RecordRevisionAsync(pass, build, cancellationToken);
        var applied = await ApplyAsync(pass, build, cancellationToken, rollout.InstanceFor(pass.Instance));
        var pruned = await PruneAsync(pass, build, applied, cancellationToken);
        try
        {
            if (!await WaitForHealthAsync(request.Superseded, pass, build, applied, cancellationToken))
            {
                return ReconcileResult.RequeueAfter(TimeSpan.FromTicks(1));
            }
        }
        catch (PhaseFailure failure)
        {
            if (await _rollback.TryRollBackAsync(pass, rollout, source, failure, cancellationToken) is not { } rolledBack)
            {
                throw;
            }

            return rolledBack;
        }

        await MigrateAsync(pass, build, cancellationToken);
        await NotifyChangesAsync(pass, build, applied, pruned, cancellationToken);
        return await _rollback.CompleteAsync(pass, rollout, cancellationToken) ?? await SucceedAsync(pass, build, source, cancellationToken);
    }

    private void Initialise(InstancePass pass)
    {
        pass.Finalizers.Add(ApiGroup.Finalizer);
        var now = _time.GetUtcNow();
        if (pass.Settings.Disabled)
        {
            InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "True", ConditionReasons.ReconciliationDisabled, ConditionMessages.InitializedDisabled, pass.Generation, now);
        }
        else
        {
            InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "Unknown", ConditionReasons.Progressing, ConditionMessages.InProgress, pass.Generation, now);
            InstanceConditions.Set(pass.Status, ConditionTypes.Reconciling, "True", ConditionReasons.Progressing, ConditionMessages.InProgress, pass.Generation, now);
        }

        LogAddingFinalizer(_logger);
    }

    private async Task MarkInProgressAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        InstanceConditions.MarkInProgress(pass.Status, pass.Generation, _time.GetUtcNow());
        pass.StartedAt = _time.GetTimestamp();
        try
        {
            await _status.WriteStatusAsync(pass, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"failed to update status: {e.Message}", terminal: false, e);
        }
    }

    private async Task FailAsync(InstancePass pass, PhaseFailure failure, CancellationToken cancellationToken)
    {
        InstanceConditions.MarkFailed(pass.Status, failure.Reason, failure.Message, failure.Terminal, pass.Generation, _time.GetUtcNow());
        LogPassFailed(_logger, failure.Reason, failure.Message);
        if (failure.Quiet)
        {
            return;
        }

        await RecordAsync(pass, Forwarded(pass, InstanceEvent.Warning(failure.Reason, failure.Message, NullIfEmpty(pass.Status.LastAttemptedRevision))), cancellationToken);
    }

    /// <summary>The exit step: every pass, every outcome.</summary>
    private async Task ExitAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        if (pass.Settings.RequestedAt is { } requestedAt)
        {
            pass.Status.LastHandledReconcileAt = requestedAt;
        }

        InstanceConditions.Finalise(pass.Status, pass.Generation, _time.GetUtcNow());

        // The exit writes must happen even when the pass was cancelled by shutdown.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(15), _time);
        var deleting = pass.Instance.Metadata.DeletionTimestamp is not null;
        try
        {
            if (deleting)
            {
                await _status.WriteStatusAsync(pass, budget.Token);
                await _status.WriteFinalizersAsync(pass, budget.Token);
            }
            else if (await _status.WriteFinalizersAsync(pass, budget.Token))
            {
                await _status.WriteStatusAsync(pass, budget.Token);
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or OperationCanceledException)
        {
            LogStatusFailed(_logger, e);
            if (!cancellationToken.IsCancellationRequested)
            {
                throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"failed to update status: {e.Message}", terminal: false, e);
            }
        }
        finally
        {
            if (deleting)
            {
                InstanceMetrics.Remove();
            }
            else
            {
                InstanceMetrics.Update(pass.Instance, pass.Status);
            }

            if (_reportRefresher is { } refresher)
            {
                await refresher.RequestAsync(budget.Token);
            }
        }
    }

    private Task RecordAsync(InstancePass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken) =>
        _events.RecordAsync(pass.Reference, instanceEvent, cancellationToken);

    /// <summary>Marks an event for notification-controller, with the instance's <c>event.toolkit.fluxcd.io/*</c> annotations.</summary>
    private InstanceEvent Forwarded(InstancePass pass, InstanceEvent instanceEvent) => instanceEvent with
    {
        ForwardTo = NotificationForwarder.Target(pass.Instance, _options.NotificationAddress, _options.NotificationsDisabled),
        ForwardMetadata = (pass.Instance.Metadata.Annotations ?? new Dictionary<string, string>())
            .Where(a => a.Key.StartsWith(AnnotationKeys.EventPrefix, StringComparison.Ordinal))
            .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
