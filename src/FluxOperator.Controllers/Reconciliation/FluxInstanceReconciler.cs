using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Installs, upgrades, repairs and uninstalls Flux from the <c>&lt;ns&gt;/flux</c> FluxInstance. The shell loads the
/// object, handles deletion, finalizer and the disabled annotation, then runs the <see cref="InstancePipeline"/>; the
/// exit step writes finalizers and status once, whatever happened.
/// </summary>
public sealed partial class FluxInstanceReconciler : IReconciler
{
    private readonly IKubeClient _client;
    private readonly InstancePipeline _pipeline;
    private readonly Uninstaller _uninstaller;
    private readonly ServerSideApplier _applier;
    private readonly StatusWriter _status;
    private readonly InstanceEvents _events;
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ManagedObjectWatches? _watches;
    private readonly ReportRefresher? _reportRefresher;

    /// <summary>
    /// Creates the reconciler (composed by <see cref="FluxInstanceServices"/>). <paramref name="watches"/> (optional) are
    /// stopped at uninstall; <paramref name="reportRefresher"/> (optional) asks for a report refresh at every exit step.
    /// </summary>
    public FluxInstanceReconciler(IKubeClient client, InstancePipeline pipeline, Uninstaller uninstaller, ServerSideApplier applier, StatusWriter status,
        InstanceEvents events, FluxInstanceReconcilerOptions options, TimeProvider time, ILoggerFactory loggers,
        ManagedObjectWatches? watches = null, ReportRefresher? reportRefresher = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));
        _uninstaller = uninstaller ?? throw new ArgumentNullException(nameof(uninstaller));
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _status = status ?? throw new ArgumentNullException(nameof(status));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = loggers.CreateLogger<FluxInstanceReconciler>();
        _watches = watches;
        _reportRefresher = reportRefresher;
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
        var pass = new InstancePass(instance, _time.GetTimestamp(), _options.IntervalFloors) { Superseded = request.Superseded };
        try
        {
            return await RunAsync(pass, cancellationToken);
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

    private async Task<ReconcileResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        if (pass.Instance.Metadata.DeletionTimestamp is not null)
        {
            await UninstallAsync(pass, cancellationToken);
            return ReconcileResult.Done;
        }

        if (!pass.Finalizers.Contains(ApiGroup.Finalizer))
        {
            Initialise(pass);
            return ReconcileResult.Requeue;
        }

        if (pass.Settings.Disabled)
        {
            await _events.RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.ReconciliationDisabled, ConditionMessages.Disabled), cancellationToken);
            return ReconcileResult.Done;
        }

        foreach (var warning in pass.Settings.FloorWarnings)
        {
            await _events.RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.IntervalClamped, warning), cancellationToken);
        }

        return await _pipeline.RunAsync(pass, cancellationToken);
    }

    private async Task UninstallAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        if (!pass.Finalizers.Contains(ApiGroup.Finalizer))
        {
            return;
        }

        await _uninstaller.UninstallAsync(pass, cancellationToken);
        pass.Finalizers.Remove(ApiGroup.Finalizer);
        if (_watches is { } watches)
        {
            await watches.StopAllAsync();
        }

        _applier.Memory.Clear();
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

    private async Task FailAsync(InstancePass pass, PhaseFailure failure, CancellationToken cancellationToken)
    {
        InstanceConditions.MarkFailed(pass.Status, failure.Reason, failure.Message, failure.Terminal, pass.Generation, _time.GetUtcNow());
        LogPassFailed(_logger, failure.Reason, failure.Message);
        if (failure.Quiet)
        {
            return;
        }

        var revision = string.IsNullOrEmpty(pass.Status.LastAttemptedRevision) ? null : pass.Status.LastAttemptedRevision;
        await _events.ForwardAsync(pass, InstanceEvent.Warning(failure.Reason, failure.Message, revision), cancellationToken);
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
}
