using System.Globalization;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>fluxinstance_artifact</c> controller's pass (docs/reconciliation.md#artifact-watcher-automated-upgrades): on its own timer, compares the artifact's manifest
/// digest (HEAD, no layer download) with <c>status.lastArtifactRevision</c>; on a change it pulls the new artifact
/// into the store and asks for a FluxInstance pass through the <c>reconcile.fluxcd.io/requestedAt</c> annotation.
/// It never writes the FluxInstance status and sets no conditions.
/// </summary>
public sealed partial class DistributionWatcher : IReconciler
{
    private readonly FluxMetrics? _metrics;
    private readonly IKubeClient _client;
    private string? _lastFloorWarning;
    private readonly ArtifactStore _store;
    private readonly DistributionWatcherOptions _options;
    private readonly ArtifactHealth _health;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<ObjectKey>? _requestReconcile;
    private readonly ReportRefresher _reportRefresher;

    /// <summary>
    /// Creates the watcher. <paramref name="requestReconcile"/> hands the key straight to the FluxInstance controller's
    /// queue (the annotation's watch event brings it there too; this just skips the round trip). A change of the
    /// registry's health asks for a report refresh through <paramref name="reportRefresher"/> (by default the
    /// requestedAt annotation only).
    /// </summary>
    public DistributionWatcher(IKubeClient client, ArtifactStore store, DistributionWatcherOptions options, ArtifactHealth? health = null,
        TimeProvider? time = null, ILogger<DistributionWatcher>? logger = null, Action<ObjectKey>? requestReconcile = null, ReportRefresher? reportRefresher = null,
        FluxMetrics? metrics = null)
    {
        _metrics = metrics;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _health = health ?? new ArtifactHealth();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _requestReconcile = requestReconcile;
        _reportRefresher = reportRefresher ?? new ReportRefresher(client, options.Namespace, _time);
    }

    /// <summary>The only key this controller acts on.</summary>
    public ObjectKey Key => new(_options.Namespace, ReportResources.SingletonName);

    /// <summary>
    /// Which FluxInstance events start a pass: create, delete, and updates that re-enable reconciliation or change the
    /// effective poll interval. Everything else is left to the watcher's own timer.
    /// </summary>
    public bool ShouldTrigger(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Type != InformerEventType.Updated || e.Old is null)
        {
            return true;
        }

        return (IsDisabled(JsonFields.Annotation(e.Old, AnnotationKeys.Reconcile)) && !IsDisabled(JsonFields.Annotation(e.Object, AnnotationKeys.Reconcile)))
            || Interval(JsonFields.Annotation(e.Old, AnnotationKeys.ReconcileArtifactEvery)) != Interval(JsonFields.Annotation(e.Object, AnnotationKeys.ReconcileArtifactEvery));
    }

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        if (key != Key
            || await _client.GetAsync<FluxInstance>(OperatorResources.FluxInstance, key.Namespace, key.Name, ApiJson.Options, cancellationToken) is not { } instance
            || instance.Metadata.DeletionTimestamp is not null
            || IsDisabled(instance.Annotation(AnnotationKeys.Reconcile)))
        {
            return ReconcileResult.Done;
        }

        var interval = Interval(instance.Annotation(AnnotationKeys.ReconcileArtifactEvery), out var floorWarning);
        if (floorWarning is not null && floorWarning != _lastFloorWarning)
        {
            await WarnAsync(instance, floorWarning, cancellationToken, ConditionReasons.IntervalClamped);
        }

        _lastFloorWarning = floorWarning;
        var next = interval > TimeSpan.Zero ? ReconcileResult.RequeueAfter(interval) : ReconcileResult.Done;
        var lastRevision = instance.Status?.LastArtifactRevision;
        var url = instance.Spec.Distribution?.Artifact;
        if (string.IsNullOrEmpty(lastRevision) || string.IsNullOrEmpty(url) || instance.Status?.Condition(ConditionTypes.Ready) is not ({ Status: "True" } or { Reason: ConditionReasons.RolledBack }))
        {
            // No artifact, never installed from it, or an install in flight or failing: never race it. A rolled-back
            // instance is settled and waits for a new artifact, so it is watched.
            return next;
        }

        RegistryCredentials credentials;
        try
        {
            credentials = await PullSecretCredentials.ReadAsync(_client, key.Namespace, instance.Spec.Distribution?.ArtifactPullSecret, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or FormatException or ArtifactException)
        {
            var problem = $"failed to get distribution key chain: {e.Message}";
            await WarnAsync(instance, problem, cancellationToken);
            throw new ReconcileError(problem, e);
        }

        string digest;
        try
        {
            var reference = OciReference.TryParse(url, out var parsed, out var parseError)
                ? parsed
                : throw new ArtifactException($"fetching digest for artifact {url} failed: {parseError}");
            digest = await _store.HeadDigestAsync(reference, credentials, cancellationToken);
            if (digest != lastRevision && _options.PrefetchChangedArtifact)
            {
                await _store.PullAsync(reference.WithDigest(digest), credentials, cancellationToken);
            }
        }
        catch (ArtifactException e)
        {
            _metrics?.ArtifactChecks.Add(1, new KeyValuePair<string, object?>("result", "error"));
            var problem = $"fetch failed: {e.Message}";
            var wasHealthy = _health.Problem is null;
            _health.Failed(problem);
            await WarnAsync(instance, problem, cancellationToken);
            if (wasHealthy)
            {
                await _reportRefresher.RequestAsync(cancellationToken);
            }

            throw new ReconcileError(problem, e);
        }

        if (_health.Problem is not null)
        {
            _health.Succeeded();
            await _reportRefresher.RequestAsync(cancellationToken);
        }

        if (digest == lastRevision)
        {
            _metrics?.ArtifactChecks.Add(1, new KeyValuePair<string, object?>("result", "unchanged"));
            return next;
        }

        _metrics?.ArtifactChecks.Add(1, new KeyValuePair<string, object?>("result", "changed"));
        LogChanged(_logger, lastRevision, digest);
        var requestedAt = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        await _client.PatchAsync(OperatorResources.FluxInstance, key.Namespace, key.Name, PatchType.Merge,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [AnnotationKeys.RequestedAt] = requestedAt } } },
            OperatorInfo.Name, cancellationToken);
        _requestReconcile?.Invoke(key);
        return next;
    }

    private TimeSpan Interval(string? reconcileArtifactEvery) => Interval(reconcileArtifactEvery, out _);

    private TimeSpan Interval(string? reconcileArtifactEvery, out string? floorWarning) =>
        IntervalFloors.Clamp(AnnotatedInterval.Parse(reconcileArtifactEvery, _options.DefaultInterval),
            _options.MinInterval, AnnotationKeys.ReconcileArtifactEvery, out floorWarning);

    private static bool IsDisabled(string? reconcile) =>
        string.Equals(reconcile, AnnotationKeys.DisabledValue, StringComparison.OrdinalIgnoreCase);
}
