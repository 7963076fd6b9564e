using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The shell's log lines; each phase logs its own.</summary>
public sealed partial class FluxInstanceReconciler
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Adding finalizer")]
    private static partial void LogAddingFinalizer(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation failed ({Reason}): {Message}")]
    private static partial void LogPassFailed(ILogger logger, string reason, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "failed to update status")]
    private static partial void LogStatusFailed(ILogger logger, Exception error);
}
