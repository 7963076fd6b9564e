using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Versioning;
using Microsoft.Extensions.Logging;
using NuGet.Versioning;

namespace FluxOperator.Controllers.Reconciliation.Phases;

/// <summary>Storage-version migration after a healthy apply (forced on a minor upgrade or by forceAt); errors are only logged.</summary>
public sealed partial class MigrationPhase : IInstancePhase
{
    private readonly StorageVersionMigrator _migrator;
    private readonly ILogger _logger;

    /// <summary>Creates the phase.</summary>
    public MigrationPhase(StorageVersionMigrator migrator, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        _migrator = migrator ?? throw new ArgumentNullException(nameof(migrator));
        _logger = loggers.CreateLogger<MigrationPhase>();
    }

    /// <inheritdoc />
    public InstanceStep Step => InstanceStep.Completion;

    /// <inheritdoc />
    public async Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var settings = pass.Settings;
        var minorUpgrade = MigrationDecision.IsMinorUpgrade(VersionOf(pass.Status.LastAppliedRevision), VersionOf(pass.Build.Result.Revision));
        var force = MigrationDecision.IsForced(settings.ForceAt, settings.RequestedAt, pass.Status.LastHandledReconcileAt, pass.Status.LastHandledForceAt, minorUpgrade);
        if (settings.ForceAt is { } forceAt)
        {
            pass.Status.LastHandledForceAt = forceAt;
        }

        if (!pass.Instance.Spec.MigrateResourcesOrDefault)
        {
            return PhaseResult.Continue;
        }

        foreach (var error in await _migrator.MigrateAsync(force, cancellationToken))
        {
            LogMigrationFailed(_logger, error);
        }

        return PhaseResult.Continue;
    }

    private static SemanticVersion? VersionOf(string? revision)
    {
        if (string.IsNullOrEmpty(revision))
        {
            return null;
        }

        var at = revision.IndexOf('@', StringComparison.Ordinal);
        return LenientVersion.TryParse(at < 0 ? revision : revision[..at], out var version) ? version : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "failed to migrate resources to the latest storage version: {Error}")]
    private static partial void LogMigrationFailed(ILogger logger, string error);
}
