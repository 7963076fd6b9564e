using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Renders, applies, health-checks and garbage-collects the objects of a ResourceSet. It loads the set and hands it to
/// the shared <see cref="PassRunner"/> (deletion, finalizer, disabled annotation, failure, exit step); its pass proper
/// checks <c>dependsOn</c>, builds from the gathered inputs and runs the steps loop. Every request about
/// generated objects is made as the set's service account when one applies.
/// </summary>
public sealed partial class ResourceSetReconciler : IReconciler, IPassSteps<ResourceSetPass>
{
    private readonly KubeApiClient _client;
    private readonly IEventRecorder _events;
    private readonly ResourceSetReconcilerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly PassRunner _runner;
    private readonly ResourceSetMetrics? _metrics;
    private readonly StatusWriter _status;
    private readonly ResourceSetInputs _inputs;
    private readonly DependencyCheck _dependencies;
    private readonly ConcurrentDictionary<ObjectKey, SetClients> _clients = new();

    /// <summary>Creates the reconciler; <paramref name="client"/> acts with the operator's own identity.</summary>
    public ResourceSetReconciler(KubeApiClient client, IEventRecorder events, ResourceSetReconcilerOptions options, TimeProvider time, ILoggerFactory loggers,
        ResourceSetMetrics? metrics = null)
    {
        _metrics = metrics;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _events = events ?? throw new ArgumentNullException(nameof(events));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _loggers = loggers ?? throw new ArgumentNullException(nameof(loggers));
        _logger = loggers.CreateLogger<ResourceSetReconciler>();
        _runner = new PassRunner(time, _logger);
        _status = new StatusWriter(client, time);
        _inputs = new ResourceSetInputs(client);
        _dependencies = new DependencyCheck(client, options.ReadyExpressions);
    }

    /// <summary>The watch mappings, told which ConfigMaps and Secrets each set reads; optional.</summary>
    public ResourceSetTriggers? Triggers { get; set; }

    /// <summary>Where watches signal that a health wait should be abandoned, with the object that caused it.</summary>
    public WaitInterrupts Interrupts { get; } = new();

    /// <summary>The last object whose event interrupted a wait, per set (for the cancellation message).</summary>
    public ConcurrentDictionary<ObjectKey, string> InterruptedBy { get; } = new();

    /// <summary>Abandons the health wait of <paramref name="key"/>, naming the object whose change asked for it.</summary>
    public void Interrupt(ObjectKey key, string subject)
    {
        InterruptedBy[key] = subject;
        Interrupts.Interrupt(key);
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var obj = await _client.GetAsync(OperatorResources.ResourceSet, key.Namespace, key.Name, cancellationToken);
        if (obj?.Deserialize<ResourceSet>(ApiJson.Options) is not { } set)
        {
            _metrics?.Remove(key);
            Triggers?.Forget(key);
            _clients.TryRemove(key, out _);
            return ReconcileResult.Done;
        }

        using var scope = _logger.BeginScope(new ReconcileScope("resourceset", key, ResourceSet.KubeKind));
        var pass = new ResourceSetPass(set, _time.GetTimestamp(), _options.IntervalFloors);
        return await _runner.RunAsync(pass, this, cancellationToken);
    }

    async Task<ReconcileResult> IPassSteps<ResourceSetPass>.ReconcileAsync(ResourceSetPass pass, CancellationToken cancellationToken)
    {
        if (_dependencies.InvalidExpression(pass.Set) is { } invalid)
        {
            throw new PhaseFailure(ConditionReasons.InvalidCelExpression, $"{ConditionMessages.TerminalConfigurationError}: {invalid}", terminal: true);
        }

        if (await _dependencies.UnsatisfiedAsync(pass.Set, cancellationToken) is { } unsatisfied)
        {
            return await WaitForDependenciesAsync(pass, unsatisfied, cancellationToken);
        }

        return await ReconcileSetAsync(new ObjectKey(pass.Namespace, pass.Name), pass, cancellationToken);
    }

    Task IPassSteps<ResourceSetPass>.UninstallAsync(ResourceSetPass pass, CancellationToken cancellationToken) =>
        UninstallAsync(new ObjectKey(pass.Namespace, pass.Name), pass, cancellationToken);

    Task IPassSteps<ResourceSetPass>.RecordAsync(ResourceSetPass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken) =>
        _events.RecordAsync(pass.Reference, instanceEvent, cancellationToken);

    Task IPassSteps<ResourceSetPass>.ReportFailureAsync(ResourceSetPass pass, PhaseFailure failure, CancellationToken cancellationToken) =>
        RecordAsync(pass, InstanceEvent.Warning(failure.Reason, failure.Message), forwarded: true, cancellationToken);

    async Task IPassSteps<ResourceSetPass>.WriteAsync(ResourceSetPass pass, CancellationToken cancellationToken)
    {
        if (pass.Deleting)
        {
            await _status.WriteFinalizersAsync(OperatorResources.ResourceSet, pass.Namespace, pass.Name, pass.Finalizers, cancellationToken);
        }
        else if (await WriteFinalizersAsync(pass, cancellationToken))
        {
            await WriteStatusAsync(pass, cancellationToken);
        }
    }

    Task IPassSteps<ResourceSetPass>.AfterExitAsync(ResourceSetPass pass, CancellationToken cancellationToken)
    {
        var key = new ObjectKey(pass.Namespace, pass.Name);
        if (pass.Deleting)
        {
            _metrics?.Remove(key);
        }
        else
        {
            _metrics?.Update(pass.Set, pass.Status);
        }

        return Task.CompletedTask;
    }

    /// <summary>The table of contents of a pass.</summary>
    private async Task<ReconcileResult> ReconcileSetAsync(ObjectKey key, ResourceSetPass pass, CancellationToken cancellationToken)
    {
        await MarkInProgressAsync(pass, cancellationToken);
        var steps = await BuildAsync(pass, cancellationToken);
        var clients = ClientsFor(key, pass);
        var prepared = await PrepareAsync(pass, clients, steps, cancellationToken);
        var outcome = await ApplyStepsAsync(key, pass, clients, prepared, cancellationToken);
        if (outcome is null)
        {
            return ReconcileResult.RequeueAfter(TimeSpan.FromTicks(1));
        }

        return await SucceedAsync(pass, prepared.Digest, cancellationToken);
    }

    private async Task<ReconcileResult> WaitForDependenciesAsync(ResourceSetPass pass, string unsatisfied, CancellationToken cancellationToken)
    {
        var message = $"Retrying dependency check: {unsatisfied}";
        var previous = pass.Status.Conditions?.Find(c => c.Type == ConditionTypes.Ready)?.Reason;
        InstanceConditions.Set(pass.Status, ConditionTypes.Ready, "False", ConditionReasons.DependencyNotReady, message, pass.Generation, _time.GetUtcNow());
        if (previous != ConditionReasons.DependencyNotReady)
        {
            LogDependencyFailed(_logger, unsatisfied);
            await RecordAsync(pass, InstanceEvent.Normal(ConditionReasons.DependencyNotReady, message), forwarded: true, cancellationToken);
        }

        return ReconcileResult.RequeueAfter(_options.RequeueDependency);
    }

    private async Task MarkInProgressAsync(ResourceSetPass pass, CancellationToken cancellationToken)
    {
        InstanceConditions.MarkInProgress(pass.Status, pass.Generation, _time.GetUtcNow());
        pass.StartedAt = _time.GetTimestamp();
        try
        {
            await WriteStatusAsync(pass, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new PhaseFailure(ConditionReasons.ReconciliationFailed, $"failed to update status: {e.Message}", terminal: false, e);
        }
    }

    /// <summary>Validation, inputs and templates; every failure here is bad input: terminal, Stalled, BuildFailed.</summary>
    private async Task<IReadOnlyList<BuiltStep>> BuildAsync(ResourceSetPass pass, CancellationToken cancellationToken)
    {
        IReadOnlyList<JsonObject> inputs;
        IReadOnlyList<BuiltStep> steps;
        try
        {
            SetRender.Validate(pass.Set);
            try
            {
                inputs = await _inputs.CombineAsync(pass.Set, cancellationToken);
            }
            catch (InputException e)
            {
                throw new SetRenderException($"failed to compute inputs: {e.Message}");
            }

            if (pass.Set.Spec.InputsFrom is { Count: > 0 } && inputs.Count == 0)
            {
                LogNoInputs(_logger);
            }

            steps = SetRender.Render(pass.Set, inputs, _time, cancellationToken);
        }
        catch (SetRenderException e)
        {
            throw BuildFailed(pass, e.Message);
        }

        pass.HistoryMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["inputs"] = inputs.Count.ToString(CultureInfo.InvariantCulture),
            ["resources"] = steps.Sum(s => s.Objects.Count).ToString(CultureInfo.InvariantCulture),
        };
        if (pass.Set.Spec.Steps is { Count: > 0 } specSteps)
        {
            pass.HistoryMetadata["steps"] = specSteps.Count.ToString(CultureInfo.InvariantCulture);
        }

        return steps;
    }

    private PhaseFailure BuildFailed(ResourceSetPass pass, string message)
    {
        RecordHistory(pass, SpecDigest(pass.Set), ConditionReasons.BuildFailed, metadata: null);
        return new PhaseFailure(ConditionReasons.BuildFailed, message, terminal: true);
    }

    private async Task<ReconcileResult> SucceedAsync(ResourceSetPass pass, string digest, CancellationToken cancellationToken)
    {
        pass.Status.LastAppliedRevision = digest;
        var message = $"Reconciliation finished in {PassDuration.Rounded(_time.GetElapsedTime(pass.StartedAt))}";
        InstanceConditions.MarkSucceeded(pass.Status, message, pass.Generation, _time.GetUtcNow());
        RecordHistory(pass, digest, ConditionReasons.ReconciliationSucceeded, pass.HistoryMetadata);
        LogSucceeded(_logger, message);
        await _events.RecordAsync(pass.Reference, InstanceEvent.Normal(ConditionReasons.ReconciliationSucceeded, message), cancellationToken);
        return pass.Settings.ReconcileEvery is { } every ? ReconcileResult.RequeueAfter(every, _options.IntervalJitter) : ReconcileResult.Done;
    }

    private Task<bool> WriteFinalizersAsync(ResourceSetPass pass, CancellationToken cancellationToken) =>
        pass.Finalizers.SequenceEqual(pass.OriginalFinalizers)
            ? Task.FromResult(true)
            : _status.WriteFinalizersAsync(OperatorResources.ResourceSet, pass.Namespace, pass.Name, pass.Finalizers, cancellationToken);

    private Task<bool> WriteStatusAsync(ResourceSetPass pass, CancellationToken cancellationToken) =>
        _status.WriteStatusAsync(OperatorResources.ResourceSet, pass.Namespace, pass.Name, StatusWriter.StatusPatch(pass.Status), cancellationToken);

    private void RecordHistory(ResourceSetPass pass, string digest, string status, Dictionary<string, string>? metadata)
    {
        var history = pass.Status.History ??= [];
        SnapshotHistory.Upsert(history, digest, _time.GetUtcNow().UtcDateTime, PassDuration.Exact(_time.GetElapsedTime(pass.StartedAt)), status, metadata);
    }

    private async Task RecordAsync(ResourceSetPass pass, InstanceEvent instanceEvent, bool forwarded, CancellationToken cancellationToken)
    {
        if (forwarded && await ForwardTargetAsync(cancellationToken) is { } target)
        {
            instanceEvent = instanceEvent with
            {
                ForwardTo = target,
                ForwardMetadata = (pass.Set.Metadata.Annotations ?? new Dictionary<string, string>())
                    .Where(a => a.Key.StartsWith(AnnotationKeys.EventPrefix, StringComparison.Ordinal))
                    .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
            };
        }

        await _events.RecordAsync(pass.Reference, instanceEvent, cancellationToken);
    }

    /// <summary>The notification-controller of the cluster's single FluxInstance, unless an address is configured.</summary>
    private async Task<Uri?> ForwardTargetAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(_options.NotificationAddress))
        {
            return new Uri(_options.NotificationAddress);
        }

        if (_options.NotificationsDisabled)
        {
            return null;
        }

        try
        {
            var instances = await _client.ListAsync(OperatorResources.FluxInstance, null, new ListOptions { Limit = 2 }, cancellationToken);
            if (instances.Items.Count != 1 || instances.Continue is not null)
            {
                return null;
            }

            var instance = instances.Items[0].Deserialize<FluxInstance>(ApiJson.Options);
            return instance is null ? null : NotificationForwarder.Target(instance, null, disabled: false);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or JsonException)
        {
            LogForwardTargetUnknown(_logger, e.Message);
            return null;
        }
    }

    /// <summary>The clients and applier of a set: impersonating its service account when one applies.</summary>
    private SetClients ClientsFor(ObjectKey key, ResourceSetPass pass)
    {
        var user = ServiceAccountName(pass) is { } sa ? $"system:serviceaccount:{pass.Namespace}:{sa}" : null;
        var force = pass.Settings.Force;
        if (_clients.TryGetValue(key, out var existing) && existing.User == user && existing.Force == force)
        {
            return existing;
        }

        var client = user is null ? _client : _client.Impersonating(user);
        var clients = new SetClients(
            user,
            force,
            client,
            new ServerSideApplier(client, new ServerSideApplierOptions
            {
                FieldManager = ApiGroup.FieldManager,
                OverrideManagers = _options.OverrideManagers,
                RecreateOnImmutableChange = force,
                RecreateMarker = AnnotationKeys.Force,
            }, _time, _loggers.CreateLogger<ServerSideApplier>()),
            new Pruner(client, _loggers.CreateLogger<Pruner>()),
            new HealthChecker(client, _time));
        _clients[key] = clients;
        return clients;
    }

    private string? ServiceAccountName(ResourceSetPass pass) =>
        !string.IsNullOrEmpty(pass.Set.Spec.ServiceAccountName) ? pass.Set.Spec.ServiceAccountName
        : !string.IsNullOrEmpty(_options.DefaultServiceAccount) ? _options.DefaultServiceAccount
        : null;

    private static string SpecDigest(ResourceSet set) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(set.Spec, ApiJson.Options)));

    /// <summary>What a set acts with: the (impersonated) client and the apply, prune and health machinery over it.</summary>
    private sealed record SetClients(string? User, bool Force, KubeApiClient Client, ServerSideApplier Applier, Pruner Pruner, HealthChecker Health);
}
