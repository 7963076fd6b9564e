using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Log lines of the report pass (the upstream texts where they are notable).</summary>
public sealed partial class FluxReportReconciler
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information, Message = "FluxReport {Key} was missing and has been re-created")]
    private static partial void LogRecreated(ILogger logger, string key);

    [LoggerMessage(EventId = 701, Level = LogLevel.Error, Message = "Reconciliation in disabled, cannot proceed with the report computation.")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 702, Level = LogLevel.Error, Message = "report computed with errors: {Error}")]
    private static partial void LogComputedWithErrors(ILogger logger, string error);

    [LoggerMessage(EventId = 704, Level = LogLevel.Warning, Message = "FluxReport interval clamped: {Warning}")]
    private static partial void LogIntervalClamped(ILogger logger, string warning);

    [LoggerMessage(EventId = 703, Level = LogLevel.Debug, Message = "The cluster serves the OpenShift APIs")]
    private static partial void LogOpenShift(ILogger logger);
}
