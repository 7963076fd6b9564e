using System.Diagnostics;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Apply.Uninstall;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Deletion of an instance (§4): stop the controllers, release the Flux custom resources, delete the inventory
/// (reverse canonical order, GC rules, CRDs last), wait for the CRDs. Errors are logged, never fatal: the
/// uninstall always completes so the finalizer can go. A disabled instance or an empty inventory orphans Flux.
/// </summary>
public sealed partial class Uninstaller
{
    private const int ConflictAttempts = 5;
    private readonly KubeApiClient _client;
    private readonly Pruner _pruner;
    private readonly HealthChecker _health;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _waitTimeout;
    private readonly ILogger _logger;

    /// <summary>Creates the uninstaller.</summary>
    public Uninstaller(KubeApiClient client, TimeProvider time, TimeSpan pollInterval, TimeSpan waitTimeout, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _pruner = new Pruner(client, loggers.CreateLogger<Pruner>());
        _health = new HealthChecker(client, time);
        _pollInterval = pollInterval;
        _waitTimeout = waitTimeout;
        _logger = loggers.CreateLogger<Uninstaller>();
    }

    /// <summary>Runs the uninstall for the instance of <paramref name="pass"/>; returns the deletion change log.</summary>
    public async Task<string> UninstallAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var plan = UninstallPlan.For(pass.PreviousInventory, pass.Settings.Disabled);
        if (plan.Orphan)
        {
            LogOrphaned(_logger, pass.Instance.Metadata.Name);
            return "";
        }

        var started = Stopwatch.GetTimestamp();
        var owner = new PruneOptions(pass.Instance.Metadata.Name, pass.Instance.Metadata.NamespaceProperty, DeleteCrdsWithResources: true);
        var wait = new HealthCheckOptions(_pollInterval, _waitTimeout);

        // 1. Stop the controllers, so nothing reacts to what follows.
        var stopped = await _pruner.PruneAsync(plan.Deployments, owner, cancellationToken);
        Log(stopped.Errors);
        if (stopped.Errors.Count == 0)
        {
            Log(await _health.WaitForDeletionAsync(plan.Deployments, wait, cancellationToken), "termination timeout");
        }

        // 2. Release Flux custom resources so deleting their CRDs does not wait on controllers that are gone.
        foreach (var (group, kind) in plan.FinalizerReleases)
        {
            await ReleaseFinalizersAsync(group, kind, cancellationToken);
        }

        // 3. Delete the inventory (the namespace is skipped by its prune-disabled annotation).
        _client.Mapper.Invalidate();
        var deleted = await _pruner.PruneAsync(plan.Deletions, owner, cancellationToken);
        Log(deleted.Errors);

        // 4. Wait for the CRDs to go.
        Log(await _health.WaitForDeletionAsync(plan.CrdsToAwait, wait, cancellationToken), "CRD termination timeout");
        var changeLog = deleted.ChangeSet.ChangeLog();
        LogCompleted(_logger, PassDuration.Rounded(Stopwatch.GetElapsedTime(started)), changeLog);
        return changeLog;
    }

    private async Task ReleaseFinalizersAsync(string group, string kind, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= ConflictAttempts; attempt++)
        {
            try
            {
                var type = await PreferredAsync(group, kind, cancellationToken);
                if (type is null)
                {
                    return;
                }

                var list = await _client.ListAllAsync(type, null, null, cancellationToken);
                foreach (var item in list.Items.Where(i => (i["metadata"]?["finalizers"] as JsonArray)?.Count > 0))
                {
                    var patch = new JsonObject { ["metadata"] = new JsonObject { ["finalizers"] = new JsonArray() } };
                    await _client.PatchAsync(type, ObjectMeta.Namespace(item), ObjectMeta.Name(item), PatchType.Merge, patch, ApiGroup.FieldManager, cancellationToken);
                }

                LogReleased(_logger, kind);
                return;
            }
            catch (KubeApiException e) when (e.IsConflict && attempt < ConflictAttempts)
            {
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                LogStepFailed(_logger, $"removing finalizers for {kind}: {e.Message}");
                return;
            }
        }
    }

    private async Task<ResourceType?> PreferredAsync(string group, string kind, CancellationToken cancellationToken)
    {
        // The preferred version is the first one the group lists; the kinds are few and the versions known.
        var document = await _client.GetRawAsync($"apis/{group}", cancellationToken);
        var preferred = document?["preferredVersion"]?["version"]?.GetValue<string>();
        return preferred is null ? null : await _client.Mapper.TryMapAsync(new GroupVersionKind(group, preferred, kind), cancellationToken);
    }

    private void Log(IReadOnlyList<string> problems, string? prefix = null)
    {
        foreach (var problem in problems)
        {
            LogStepFailed(_logger, prefix is null ? problem : $"{prefix}: {problem}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Orphaning Flux: {Name} is disabled or has no inventory")]
    private static partial void LogOrphaned(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed finalizers for {Kind}")]
    private static partial void LogReleased(ILogger logger, string kind);

    [LoggerMessage(Level = LogLevel.Error, Message = "Uninstall step failed: {Problem}")]
    private static partial void LogStepFailed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uninstallation completed in {Duration}\n{ChangeLog}")]
    private static partial void LogCompleted(ILogger logger, string duration, string changeLog);
}
