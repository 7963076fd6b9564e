using System.Security.Cryptography.X509Certificates;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>How the registry client talks to registries: transport security, timeouts and retries.</summary>
public sealed record OciClientOptions
{
    /// <summary>Use plain HTTP instead of HTTPS. Only when explicitly asked for (<c>--plain-http</c>).</summary>
    public bool PlainHttp { get; init; }

    /// <summary>Extra CA certificates trusted for registry TLS, on top of the system roots.</summary>
    public X509Certificate2Collection? CaCertificates { get; init; }

    /// <summary>Budget for one HTTP request up to its response headers (bodies are streamed under the caller's token).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per request on 429, 5xx, timeouts and connection failures (1 = no retry).</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>First retry delay; doubles each attempt.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap of one retry delay, also for a server's <c>Retry-After</c>.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest manifest body accepted (the distribution spec suggests 4 MiB).</summary>
    public int MaxManifestBytes { get; init; } = 4 << 20;

    /// <summary>Blobs larger than this are uploaded in PATCH chunks of this size; 0 uploads every blob in one PUT.</summary>
    public int UploadChunkSize { get; init; }

    /// <summary>The User-Agent header.</summary>
    public string UserAgent { get; init; } = $"{OperatorInfo.Name}/{OperatorInfo.Version}";
}
