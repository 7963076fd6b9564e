using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Distribution.Oci;

// Source-generated log messages of the registry client.
public sealed partial class OciRegistryClient
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "retrying {Step} {Registry}/{Repository} (attempt {Attempt}) in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string step, string registry, string repository, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "fetched registry token for {Registry} scope {Scope} (anonymous: {Anonymous})")]
    private static partial void LogTokenFetched(ILogger logger, string registry, string scope, bool anonymous);
}
