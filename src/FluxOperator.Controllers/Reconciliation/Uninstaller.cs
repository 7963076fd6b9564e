using System.Diagnostics;
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
/// Deletion of an instance (docs/reconciliation.md#uninstall): stop the controllers, release the Flux custom resources, delete the inventory
/// (reverse canonical order, GC rules, CRDs last), wait for the CRDs. Errors are logged, never fatal: the
/// uninstall always completes so the finalizer can go. A disabled instance or an empty inventory orphans Flux.
/// </summary>
public sealed partial class Uninstaller
{
    private readonly IKubeClient _client;
    private readonly Pruner _pruner;
    private readonly FinalizerReleaser _releaser;
    private readonly HealthChecker _health;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _waitTimeout;
    private readonly ILogger _logger;

    /// <summary>Creates the uninstaller.</summary>
    public Uninstaller(IKubeClient client, TimeProvider time, TimeSpan pollInterval, TimeSpan waitTimeout, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _pruner = new Pruner(client, loggers.CreateLogger<Pruner>());
        _releaser = new FinalizerReleaser(client, ApiGroup.FieldManager);
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
        var (released, releaseErrors) = await _releaser.ReleaseAsync(plan.FinalizerReleases, cancellationToken);
        foreach (var kind in released)
        {
            LogReleased(_logger, kind);
        }

        Log(releaseErrors, "removing finalizers");

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
