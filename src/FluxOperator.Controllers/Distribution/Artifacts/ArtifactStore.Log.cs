using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Distribution.Artifacts;

// Source-generated log messages of the artifact store.
public sealed partial class ArtifactStore
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "fetched latest manifests {Url} {Digest}")]
    private static partial void LogPulled(ILogger logger, string url, string digest);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "registry unreachable for {Url}, serving cached digest {Digest}: {Reason}")]
    private static partial void LogServingCache(ILogger logger, string url, string digest, string reason);
}
