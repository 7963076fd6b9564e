using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Runtime;

/// <summary>Log lines of the informer.</summary>
public sealed partial class Informer
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Listed {Resource}: {Count} objects at resourceVersion {ResourceVersion}")]
    private static partial void LogListed(ILogger logger, string resource, int count, string resourceVersion);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Watch of {Resource} expired at resourceVersion {ResourceVersion}, listing again: {Reason}")]
    private static partial void LogExpired(ILogger logger, string resource, string? resourceVersion, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "The {Operation} of {Resource} failed, retrying in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception error, string resource, string operation, TimeSpan delay);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "An event handler of {Resource} failed on {EventType} {Key}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception error, string resource, InformerEventType eventType, string key);
}
