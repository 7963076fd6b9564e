using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Log lines of the artifact watcher (the upstream texts where they are notable).</summary>
public sealed partial class DistributionWatcher
{
    [LoggerMessage(EventId = 750, Level = LogLevel.Information, Message = "artifact revision changed, requesting a reconciliation (old {Old}, new {New})")]
    private static partial void LogChanged(ILogger logger, string old, string @new);


    [LoggerMessage(EventId = 752, Level = LogLevel.Warning, Message = "failed to record event {Reason}: {Message}")]
    private static partial void LogEventFailed(ILogger logger, Exception error, string reason, string message);
}
