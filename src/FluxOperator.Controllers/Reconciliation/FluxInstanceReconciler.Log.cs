using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The reconciler's log lines (the notable ones are named in the reference).</summary>
public sealed partial class FluxInstanceReconciler
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Adding finalizer")]
    private static partial void LogAddingFinalizer(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogRevision(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Notice}")]
    private static partial void LogBuildNotice(ILogger logger, string notice);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server-side apply completed: {Changed} of {Total} objects changed, revision {Revision}")]
    private static partial void LogApplied(ILogger logger, int changed, int total, string revision);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection completed: {Count} stale objects handled")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check completed")]
    private static partial void LogHealthy(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "New reconciliation triggered, canceling health checks")]
    private static partial void LogHealthCanceled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "failed to migrate resources to the latest storage version: {Error}")]
    private static partial void LogMigrationFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation failed ({Reason}): {Message}")]
    private static partial void LogPassFailed(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "failed to update status")]
    private static partial void LogStatusFailed(ILogger logger, Exception error);

}
