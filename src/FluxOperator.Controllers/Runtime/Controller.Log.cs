using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Runtime;

/// <summary>Log lines of the controller loop.</summary>
public sealed partial class Controller
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Controller {Controller} waits for {Count} informers to sync")]
    private static partial void LogWaitingForSync(ILogger logger, string controller, int count);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Starting workers for controller {Controller} (worker count {Workers})")]
    private static partial void LogStarting(ILogger logger, string controller, int workers);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Controller {Controller} stopped")]
    private static partial void LogStopped(ILogger logger, string controller);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "Reconciled {Controller} {Key}: {Result}")]
    private static partial void LogDone(ILogger logger, string controller, string key, string result);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Reconciled {Controller} {Key}, next pass in {Delay}")]
    private static partial void LogRequeueAfter(ILogger logger, string controller, string key, TimeSpan delay);

    // Anticipated failures: one line with the reason, no stack trace.
    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Reconciler error in {Controller} for {Key} (failure {Failures} in a row): {Error}")]
    private static partial void LogFailed(ILogger logger, string controller, string key, int failures, string error);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "Reconciler error in {Controller} for {Key}, not retried until the object changes: {Error}")]
    private static partial void LogTerminal(ILogger logger, string controller, string key, string error);

    // A bug: the stack trace is what finds it.
    [LoggerMessage(EventId = 208, Level = LogLevel.Error, Message = "Reconciler error in {Controller} for {Key} (failure {Failures} in a row), unexpected exception")]
    private static partial void LogBug(ILogger logger, Exception error, string controller, string key, int failures);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Pass of {Controller} for {Key} cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string controller, string key);
}
