using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The shell every pass over one of our objects shares: deletion runs the uninstall and drops the finalizer; a
/// missing finalizer is added with the initial conditions; a disabled object gets a Warning event and nothing else;
/// a failure becomes Ready=False (terminal ones Stalled) plus an event; and the exit step finalises the conditions and
/// writes once, whatever happened (docs/reconciliation.md#outline-of-a-pass).
/// </summary>
public sealed partial class PassRunner
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the runner of one reconciler; it logs with <paramref name="logger"/>.</summary>
    public PassRunner(TimeProvider time, ILogger logger)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Runs one pass over <paramref name="pass"/>.</summary>
    public async Task<ReconcileResult> RunAsync<TPass>(TPass pass, IPassSteps<TPass> steps, CancellationToken cancellationToken)
        where TPass : IObjectPass
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            return await RunStepsAsync(pass, steps, cancellationToken);
        }
        catch (PhaseFailure failure)
        {
            await FailAsync(pass, steps, failure, cancellationToken);
            throw failure.Terminal ? new TerminalException(failure.Message, failure) : failure;
        }
        catch (Exception e) when (e is not OperationCanceledException and not TerminalException)
        {
            // Anything unforeseen still ends the pass visibly, and is retried with backoff.
            var failure = new PhaseFailure(ConditionReasons.ReconciliationFailed, $"reconciliation failed: {e.Message}", terminal: false, e);
            await FailAsync(pass, steps, failure, cancellationToken);
            if (!ReconcileError.IsAnticipated(e))
            {
                throw; // a bug: the controller logs it with its stack trace
            }

            throw failure;
        }
        finally
        {
            await ExitAsync(pass, steps, cancellationToken);
        }
    }

    private async Task<ReconcileResult> RunStepsAsync<TPass>(TPass pass, IPassSteps<TPass> steps, CancellationToken cancellationToken)
        where TPass : IObjectPass
    {
        var hasFinalizer = pass.Finalizers.Contains(ApiGroup.Finalizer);
        if (pass.Deleting)
        {
            if (hasFinalizer)
            {
                await steps.UninstallAsync(pass, cancellationToken);
                pass.Finalizers.Remove(ApiGroup.Finalizer);
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
            await steps.RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.ReconciliationDisabled, ConditionMessages.Disabled), cancellationToken);
            return ReconcileResult.Done;
        }

        foreach (var warning in pass.Settings.FloorWarnings)
        {
            await steps.RecordAsync(pass, InstanceEvent.Warning(ConditionReasons.IntervalClamped, warning), cancellationToken);
        }

        return await steps.ReconcileAsync(pass, cancellationToken);
    }

    private void Initialise(IObjectPass pass)
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

    private async Task FailAsync<TPass>(TPass pass, IPassSteps<TPass> steps, PhaseFailure failure, CancellationToken cancellationToken)
        where TPass : IObjectPass
    {
        InstanceConditions.MarkFailed(pass.Status, failure.Reason, failure.Message, failure.Terminal, pass.Generation, _time.GetUtcNow());
        LogPassFailed(_logger, failure.Reason, failure.Message);
        await steps.ReportFailureAsync(pass, failure, cancellationToken);
    }

    private async Task ExitAsync<TPass>(TPass pass, IPassSteps<TPass> steps, CancellationToken cancellationToken)
        where TPass : IObjectPass
    {
        if (pass.Settings.RequestedAt is { } requestedAt)
        {
            pass.Status.LastHandledReconcileAt = requestedAt;
        }

        InstanceConditions.Finalise(pass.Status, pass.Generation, _time.GetUtcNow());

        // The exit writes must happen even when the pass was cancelled by shutdown.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(15), _time);
        try
        {
            await steps.WriteAsync(pass, budget.Token);
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
            await steps.AfterExitAsync(pass, budget.Token);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Adding finalizer")]
    private static partial void LogAddingFinalizer(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation failed ({Reason}): {Message}")]
    private static partial void LogPassFailed(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "failed to update status")]
    private static partial void LogStatusFailed(ILogger logger, Exception error);
}
