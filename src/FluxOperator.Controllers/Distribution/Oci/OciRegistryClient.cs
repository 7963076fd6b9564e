using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>
/// A small OCI distribution client for one registry over <see cref="HttpClient"/>: ping, manifests, verified blobs,
/// tags and push, with bearer/basic auth, retries with capped backoff and per-request timeouts.
/// </summary>
public sealed partial class OciRegistryClient
{
    private readonly HttpClient _http;
    private readonly RegistryCredentials _credentials;
    private readonly OciClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, (string Header, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly Lock _tokensLock = new();
    private string? _basicHeader;

    /// <summary>Creates a client for <paramref name="registry"/> (host[:port]); the HttpClient is shared and not disposed.</summary>
    public OciRegistryClient(string registry, HttpClient http, RegistryCredentials credentials, OciClientOptions options, TimeProvider time, ILogger<OciRegistryClient>? logger = null)
    {
        Registry = registry;
        _http = http;
        _credentials = credentials;
        _options = options;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        var apiHost = registry == OciReference.DefaultRegistry ? "registry-1.docker.io" : registry;
        BaseAddress = new Uri($"{(options.PlainHttp ? "http" : "https")}://{apiHost}");
    }

    /// <summary>The registry host this client talks to.</summary>
    public string Registry { get; }

    /// <summary>The base URL of the registry API.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Redirects followed per request before the request fails (as Go's HTTP client).</summary>
    public const int MaxRedirects = 10;

    /// <summary>
    /// The handler every client should share: follows redirects (blob storage), trusts the extra CAs, no automatic
    /// decompression (digests are over the bytes as stored).
    /// </summary>
    public static SocketsHttpHandler CreateHandler(OciClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.CaCertificates is { Count: > 0 } roots)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => ValidateWithExtraRoots(certificate, errors, roots);
        }

        return handler;
    }

    /// <summary>An HttpClient over <see cref="CreateHandler"/> with no client-wide timeout (the client times each request).</summary>
    public static HttpClient CreateHttpClient(OciClientOptions options) =>
        new(CreateHandler(options), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary><c>GET /v2/</c>: checks that the registry answers and that our credentials are accepted.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new RegistryRequest(HttpMethod.Get, "GET /v2/", "", "/v2/"), cancellationToken).ConfigureAwait(false);
    }

    private static bool ValidateWithExtraRoots(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private async Task<HttpResponseMessage> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        var authenticated = false;
        for (var attempt = 1; ; attempt++)
        {
            var maxAttempts = request.Retry ? Math.Max(1, _options.MaxAttempts) : 1;
            HttpResponseMessage response;
            using (var timeout = new CancellationTokenSource(request.Timed ? _options.RequestTimeout : Timeout.InfiniteTimeSpan, _time))
            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
            {
                using var message = BuildMessage(request);
                try
                {
                    response = await _http.SendAsync(message, request.Streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    var failure = new OciException(OciFailure.Timeout, request.Step, Registry, request.Repository, request.Subject, $"timed out after {_options.RequestTimeout.TotalSeconds:0.###}s", innerException: e);
                    await BackOffOrThrowAsync(request, attempt, maxAttempts, failure, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                catch (HttpRequestException e)
                {
                    var failure = new OciException(OciFailure.Unreachable, request.Step, Registry, request.Repository, request.Subject, Describe(e), innerException: e);
                    // A failed TLS handshake (wrong CA, plain-HTTP server) will not heal by retrying.
                    await BackOffOrThrowAsync(request, attempt, e.HttpRequestError == HttpRequestError.SecureConnectionError ? attempt : maxAttempts, failure, null, cancellationToken).ConfigureAwait(false);
                    continue;
                }
            }

            if (response.StatusCode == HttpStatusCode.Unauthorized && !authenticated)
            {
                authenticated = true;
                var challenges = response.Headers.WwwAuthenticate.Select(h => h.ToString()).SelectMany(AuthChallenge.Parse).ToArray();
                bool answered;
                try
                {
                    answered = await AuthenticateAsync(challenges, request, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    response.Dispose();
                    throw;
                }

                if (answered)
                {
                    response.Dispose();
                    attempt--; // answering a challenge is not a retry
                    continue;
                }
            }

            if (response.IsSuccessStatusCode || request.Tolerated.Contains(response.StatusCode))
            {
                return response;
            }

            if (RedirectFailure(response) is { } redirect)
            {
                response.Dispose();
                throw new OciException(OciFailure.InvalidResponse, request.Step, Registry, request.Repository, request.Subject, redirect, response.StatusCode);
            }

            using (response)
            {
                var failure = await ToExceptionAsync(request, response, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
                {
                    await BackOffOrThrowAsync(request, attempt, maxAttempts, failure, response.Headers.RetryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw failure;
            }
        }
    }

    private HttpRequestMessage BuildMessage(RegistryRequest request)
    {
        var uri = Uri.TryCreate(request.Target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal)
            ? absolute
            : new Uri(BaseAddress, request.Target);
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.UserAgent.ParseAdd(_options.UserAgent);
        foreach (var accept in request.Accept)
        {
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        // Credentials go only to the registry itself; a redirect elsewhere drops them (HttpClient does too).
        if (uri.Authority == BaseAddress.Authority && AuthorizationFor(request) is { } authorization)
        {
            message.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        message.Content = request.Content?.Invoke();
        return message;
    }

    private async Task BackOffOrThrowAsync(RegistryRequest request, int attempt, int maxAttempts, OciException failure, RetryConditionHeaderValue? retryAfter, CancellationToken cancellationToken)
    {
        if (attempt >= maxAttempts)
        {
            throw attempt > 1
                ? new OciException(failure.Failure, failure.Step, failure.Registry, failure.Repository, request.Subject, $"{failure.Detail} (after {attempt} attempts)", failure.StatusCode, failure.InnerException)
                : failure;
        }

        var delay = RetryDelay(attempt, retryAfter);
        LogRetry(_logger, request.Step, Registry, request.Repository, attempt, delay, failure.Message);
        await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Exponential backoff from the base delay, capped; a server's Retry-After wins when it is sooner than the cap.</summary>
    internal TimeSpan RetryDelay(int attempt, RetryConditionHeaderValue? retryAfter)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        var delay = exponential < _options.RetryMaxDelay ? exponential : _options.RetryMaxDelay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta < _options.RetryMaxDelay ? delta : _options.RetryMaxDelay;
        }
        else if (retryAfter?.Date is { } date)
        {
            var until = date - _time.GetUtcNow();
            delay = until <= TimeSpan.Zero ? TimeSpan.Zero : until < _options.RetryMaxDelay ? until : _options.RetryMaxDelay;
        }

        return delay;
    }

    private async Task<OciException> ToExceptionAsync(RegistryRequest request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase ?? response.StatusCode.ToString()}";
        string? errors = null;
        if (request.Method != HttpMethod.Head)
        {
            try
            {
                var body = await ReadLimitedAsync(response.Content, 64 << 10, "error response", cancellationToken).ConfigureAwait(false);
                errors = RegistryErrorList.Describe(body);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidDataException)
            {
                // The status is the message; a broken error body adds nothing.
            }
        }

        return new OciException(OciFailure.Http, request.Step, Registry, request.Repository, request.Subject, errors is null ? status : $"{status}: {errors}", response.StatusCode);
    }

    /// <summary>
    /// A redirect HttpClient handed back instead of following: the hop limit was reached, or it pointed from HTTPS to
    /// plain HTTP (never followed). Null for any other status.
    /// </summary>
    internal static string? RedirectFailure(HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location)
        {
            return null;
        }

        var from = response.RequestMessage?.RequestUri;
        return from?.Scheme == Uri.UriSchemeHttps && location.IsAbsoluteUri && location.Scheme == Uri.UriSchemeHttp
            ? $"redirect from https to http refused ({location.GetLeftPart(UriPartial.Authority)})"
            : $"too many redirects ({MaxRedirects})";
    }

    /// <summary>Reads a whole body of at most <paramref name="limit"/> bytes; more ends in "<paramref name="what"/> exceeds …".</summary>
    /// <exception cref="InvalidDataException">The body is larger than the limit.</exception>
    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, int limit, string what, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw new InvalidDataException($"{what} exceeds {Serialization.InputLimits.FormatBytes(limit)}");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 << 10];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new InvalidDataException($"{what} exceeds {Serialization.InputLimits.FormatBytes(limit)}");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Describe(HttpRequestException e)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError)
        {
            return $"TLS handshake failed: {e.InnerException?.Message ?? e.Message} (a plain-HTTP registry or an untrusted CA?)";
        }

        var inner = e.InnerException?.Message;
        return inner is null || e.Message.Contains(inner, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner})";
    }
}
