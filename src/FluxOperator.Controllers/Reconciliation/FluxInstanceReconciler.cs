using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Installs, upgrades, repairs and uninstalls Flux from the <c>&lt;ns&gt;/flux</c> FluxInstance: loads the object and
/// hands it to the shared <see cref="PassRunner"/> (deletion, finalizer, disabled annotation, failure, exit step),
/// whose pass proper is the <see cref="InstancePipeline"/>.
/// </summary>
public sealed class FluxInstanceReconciler : IReconciler, IPassSteps<InstancePass>
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
    private readonly PassRunner _runner;
    private readonly ManagedObjectWatches? _watches;
    private readonly ReportRefresher? _reportRefresher;
    private readonly InstanceMetrics? _metrics;

    /// <summary>
    /// Creates the reconciler (composed by <see cref="FluxInstanceServices"/>). <paramref name="watches"/> (optional) are
    /// stopped at uninstall; <paramref name="reportRefresher"/> (optional) asks for a report refresh at every exit step;
    /// <paramref name="metrics"/> (optional) holds <c>flux_instance_info</c>.
    /// </summary>
    public FluxInstanceReconciler(IKubeClient client, InstancePipeline pipeline, Uninstaller uninstaller, ServerSideApplier applier, StatusWriter status,
        InstanceEvents events, FluxInstanceReconcilerOptions options, TimeProvider time, ILoggerFactory loggers,
        ManagedObjectWatches? watches = null, ReportRefresher? reportRefresher = null, InstanceMetrics? metrics = null)
    {
        _metrics = metrics;
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
        _runner = new PassRunner(time, _logger);
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
        return await _runner.RunAsync(pass, this, cancellationToken);
    }

    Task<ReconcileResult> IPassSteps<InstancePass>.ReconcileAsync(InstancePass pass, CancellationToken cancellationToken) =>
        _pipeline.RunAsync(pass, cancellationToken);

    async Task IPassSteps<InstancePass>.UninstallAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        await _uninstaller.UninstallAsync(pass, cancellationToken);
        if (_watches is { } watches)
        {
            await watches.StopAllAsync();
        }

        _applier.Memory.Clear();
    }

    Task IPassSteps<InstancePass>.RecordAsync(InstancePass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken) =>
        _events.RecordAsync(pass, instanceEvent, cancellationToken);

    Task IPassSteps<InstancePass>.ReportFailureAsync(InstancePass pass, PhaseFailure failure, CancellationToken cancellationToken)
    {
        if (failure.Quiet)
        {
            return Task.CompletedTask;
        }

        var revision = string.IsNullOrEmpty(pass.Status.LastAttemptedRevision) ? null : pass.Status.LastAttemptedRevision;
        return _events.ForwardAsync(pass, InstanceEvent.Warning(failure.Reason, failure.Message, revision), cancellationToken);
    }

    async Task IPassSteps<InstancePass>.WriteAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        if (pass.Deleting)
        {
            await _status.WriteStatusAsync(pass, cancellationToken);
            await _status.WriteFinalizersAsync(pass, cancellationToken);
        }
        else if (await _status.WriteFinalizersAsync(pass, cancellationToken))
        {
            await _status.WriteStatusAsync(pass, cancellationToken);
        }
    }

    async Task IPassSteps<InstancePass>.AfterExitAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        if (pass.Deleting)
        {
            _metrics?.Remove();
        }
        else
        {
            _metrics?.Update(pass.Instance, pass.Status);
        }

        if (_reportRefresher is { } refresher)
        {
            await refresher.RequestAsync(cancellationToken);
        }
    }
}
