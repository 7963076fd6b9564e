using FluxOperator.Controllers.Distribution.Oci;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// The operator's entry point to distribution artifacts: resolve a reference's digest cheaply (HEAD), pull into
/// the digest-keyed cache, and keep serving the last good entry when the registry is unreachable.
/// </summary>
public sealed partial class ArtifactStore : IDisposable
{
    private readonly ArtifactStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _fill = new(1, 1);

    /// <summary>
    /// Creates the store. <paramref name="handler"/> replaces the default transport (tests wrap it to count
    /// requests); when null one is built from <see cref="ArtifactStoreOptions.Client"/>.
    /// </summary>
    public ArtifactStore(ArtifactStoreOptions options, TimeProvider time, ILoggerFactory? loggers = null, HttpMessageHandler? handler = null)
    {
        _options = options;
        _time = time;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<ArtifactStore>();
        _http = new HttpClient(handler ?? OciRegistryClient.CreateHandler(options.Client), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        Cache = new ArtifactCache(options.CacheDirectory);
    }

    /// <summary>The on-disk cache.</summary>
    public ArtifactCache Cache { get; }

    /// <summary>
    /// The artifact's current manifest digest without downloading layers (HEAD, GET as fallback): what the
    /// artifact watcher compares with <c>status.lastArtifactRevision</c>.
    /// </summary>
    public async Task<string> HeadDigestAsync(OciReference reference, RegistryCredentials credentials, CancellationToken cancellationToken)
    {
        using var budget = Budget(cancellationToken);
        try
        {
            var descriptor = await Client(reference, credentials).HeadManifestAsync(reference, budget.Token).ConfigureAwait(false);
            return descriptor.Digest;
        }
        catch (OciException e)
        {
            throw new ArtifactException($"fetching digest for artifact {reference.ToUrl()} failed: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ArtifactException($"fetching digest for artifact {reference.ToUrl()} failed: timed out after {_options.PullTimeout.TotalSeconds:0.###}s", e);
        }
    }

    /// <summary>
    /// Pulls the artifact into the cache (or finds it there) and returns its digest and folder. When the registry
    /// is unreachable and the last digest of this reference is cached, that entry is returned with origin
    /// <see cref="ArtifactOrigin.CacheWhileUnreachable"/>; otherwise failures throw <see cref="ArtifactException"/>.
    /// </summary>
    public async Task<ArtifactPullResult> PullAsync(OciReference reference, RegistryCredentials credentials, CancellationToken cancellationToken, IProgress<TransferProgress>? progress = null)
    {
        // A pinned digest is content-addressed: a cached copy needs no registry round trip.
        if (reference.Digest is { } pinned && await Cache.TryGetAsync(pinned, _options.VerifyCachedContent, cancellationToken).ConfigureAwait(false) is { } pinnedFolder)
        {
            return new ArtifactPullResult(pinned, pinnedFolder, ArtifactOrigin.Cache);
        }

        using var budget = Budget(cancellationToken);
        try
        {
            return await PullFromRegistryAsync(reference, credentials, progress, budget.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e, cancellationToken) && reference.Digest is null)
        {
            var message = e is OperationCanceledException ? $"pulling artifact {reference.ToUrl()} failed: timed out after {_options.PullTimeout.TotalSeconds:0.###}s" : e.Message;
            if (Cache.LastDigest(reference) is { } last && await Cache.TryGetAsync(last, _options.VerifyCachedContent, cancellationToken).ConfigureAwait(false) is { } folder)
            {
                LogServingCache(_logger, reference.ToUrl(), last, message);
                return new ArtifactPullResult(last, folder, ArtifactOrigin.CacheWhileUnreachable) { RegistryError = message };
            }

            if (e is OperationCanceledException)
            {
                throw new ArtifactException(message, e);
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        _fill.Dispose();
    }

    private async Task<ArtifactPullResult> PullFromRegistryAsync(OciReference reference, RegistryCredentials credentials, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var client = Client(reference, credentials);
        string headDigest;
        try
        {
            headDigest = (await client.HeadManifestAsync(reference, cancellationToken).ConfigureAwait(false)).Digest;
        }
        catch (OciException e)
        {
            throw new ArtifactException($"pulling artifact {reference.ToUrl()} failed: {e.Message}", e);
        }

        if (await Cache.TryGetAsync(headDigest, _options.VerifyCachedContent, cancellationToken).ConfigureAwait(false) is { } cached)
        {
            Remember(reference, headDigest);
            return new ArtifactPullResult(headDigest, cached, ArtifactOrigin.Cache);
        }

        // Fetch by digest so the content matches what HEAD announced even if the tag moves meanwhile.
        var pinned = reference.WithDigest(headDigest);
        await _fill.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another pull may have filled the entry while this one waited for the lock.
            if (await Cache.TryGetAsync(headDigest, verifyContent: false, cancellationToken).ConfigureAwait(false) is { } filled)
            {
                Remember(reference, headDigest);
                return new ArtifactPullResult(headDigest, filled, ArtifactOrigin.Cache);
            }

            var folder = await Cache.AddAsync(headDigest, async (target, ct) =>
            {
                var pulled = await ArtifactPuller.PullAsync(client, pinned, target, _options.Limits, ct, progress, reference.ToUrl()).ConfigureAwait(false);
                return pulled.Manifest.Layers[0].Digest;
            }, cancellationToken).ConfigureAwait(false);
            Remember(reference, headDigest);
            LogPulled(_logger, reference.ToUrl(), headDigest);
            return new ArtifactPullResult(headDigest, folder, ArtifactOrigin.Downloaded);
        }
        finally
        {
            _fill.Release();
        }
    }

    private void Remember(OciReference reference, string digest)
    {
        if (reference.Digest is null)
        {
            Cache.RecordDigest(reference, digest);
        }
    }

    private static bool IsUnavailable(Exception e, CancellationToken caller) => e switch
    {
        OperationCanceledException => !caller.IsCancellationRequested,
        ArtifactException { InnerException: OciException oci } => oci.IsUnavailable,
        _ => false,
    };

    private OciRegistryClient Client(OciReference reference, RegistryCredentials credentials) =>
        new(reference.Registry, _http, credentials, _options.Client, _time, _loggers.CreateLogger<OciRegistryClient>());

    private Deadline Budget(CancellationToken cancellationToken) => new(_options.PullTimeout, _time, cancellationToken);
}
