using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>
/// Every applied object must become Current within <c>reconcileTimeout</c>. A failure is left in
/// <see cref="InstancePass.HealthFailure"/> for the <see cref="InstanceStep.Recovery"/> step; a new trigger of the
/// instance abandons the wait and ends the pass, which runs again at once.
/// </summary>
public sealed partial class HealthPhase : IInstancePhase
{
    private readonly ServerSideApplier _applier;
    private readonly InstanceEvents _events;
    private readonly FluxInstanceReconcilerOptions _options;
    private readonly ManagedObjectWatches? _watches;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the phase; <paramref name="watches"/> (optional) answers for a pass that changed nothing.</summary>
    public HealthPhase(ServerSideApplier applier, InstanceEvents events, FluxInstanceReconcilerOptions options, TimeProvider time, ILoggerFactory loggers,
        ManagedObjectWatches? watches = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _applier = applier ?? throw new ArgumentNullException(nameof(applier));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _watches = watches;
        _logger = loggers.CreateLogger<HealthPhase>();
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Health;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var applied = pass.Applied;
        if (!pass.Instance.Spec.WaitOrDefault || applied.Entries.Count == 0)
        {
            return PhaseResult.Continue;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pass.Superseded);

        // Right after writes the caches may lag; known state only helps a pass that changed nothing.
        var known = applied.HasChanges ? null : _watches;
        try
        {
            await _applier.WaitForHealthAsync(applied, new HealthCheckOptions(_options.HealthPollInterval, pass.Settings.ReconcileTimeout), known, linked.Token);
            LogHealthy(_logger);
            return PhaseResult.Continue;
        }
        catch (OperationCanceledException) when (pass.Superseded.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var subject = $"FluxInstance/{pass.Instance.Metadata.NamespaceProperty}/{pass.Instance.Metadata.Name}";
            LogHealthCanceled(_logger);
            InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "False", ConditionReasons.HealthCheckCanceled, $"New reconciliation triggered by {subject}", pass.Generation, _time.GetUtcNow());
            await _events.RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.HealthCheckCanceled, $"Health checks canceled due to new reconciliation triggered by {subject}"), cancellationToken);
            return PhaseResult.EndPass(ReconcileResult.RequeueAfter(TimeSpan.FromTicks(1)));
        }
        catch (ApplyException e)
        {
            pass.HealthFailure = InstanceHistory.Failed(pass, e.Message, e, _time);
            return PhaseResult.Continue;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check completed")]
    private static partial void LogHealthy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "New reconciliation triggered, canceling health checks")]
    private static partial void LogHealthCanceled(ILogger logger);
}
