using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>The reconciler's log lines (the object's namespace/name come from the pass scope).</summary>
public sealed partial class ResourceSetReconciler
{
    [LoggerMessage(Level = LogLevel.Error, Message = "dependency check failed: {Reason}")]
    private static partial void LogDependencyFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No inputs returned from providers, reconciling an empty set")]
    private static partial void LogNoInputs(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    private static partial void LogSucceeded(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event not forwarded: {Reason}")]
    private static partial void LogForwardTargetUnknown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Server-side apply completed (step \"{Step}\"): {Changed} of {Total} objects changed")]
    private static partial void LogApplied(ILogger logger, string step, int changed, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Health check completed (step \"{Step}\")")]
    private static partial void LogHealthy(ILogger logger, string step);

    [LoggerMessage(Level = LogLevel.Information, Message = "New reconciliation triggered, canceling health checks")]
    private static partial void LogHealthCanceled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Failed Job deleted for recreation: {Job}")]
    private static partial void LogJobRecreated(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flux appliers still terminating after the wait: {Objects}")]
    private static partial void LogAppliersLinger(ILogger logger, string objects);

    [LoggerMessage(Level = LogLevel.Error, Message = "skip pruning for deleted resource: {Reason}")]
    private static partial void LogPruneSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "pruning for deleted resource failed: {Errors}")]
    private static partial void LogUninstallFailed(ILogger logger, string errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uninstallation completed in {Duration}: {Changes}")]
    private static partial void LogUninstalled(ILogger logger, string duration, string changes);
}
