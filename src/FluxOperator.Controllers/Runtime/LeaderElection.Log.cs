using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Runtime;

/// <summary>Log lines of leader election.</summary>
public sealed partial class LeaderElection
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Identity} acquired the lease {Namespace}/{Lease}")]
    private static partial void LogStartedLeading(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "The leader of {Namespace}/{Lease} is {Holder}")]
    private static partial void LogNewLeader(ILogger logger, string holder, string @namespace, string lease);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "{Identity} lost the lease {Namespace}/{Lease}")]
    private static partial void LogLost(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "{Identity} released the lease {Namespace}/{Lease}")]
    private static partial void LogReleased(ILogger logger, string identity, string @namespace, string lease);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "Releasing the lease {Namespace}/{Lease} failed; it expires on its own")]
    private static partial void LogReleaseFailed(ILogger logger, Exception error, string @namespace, string lease);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "Leader election on {Namespace}/{Lease} hit an error")]
    private static partial void LogElectionError(ILogger logger, Exception error, string @namespace, string lease);
}
