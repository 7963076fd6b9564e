using System.Net;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Tests.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Artifacts;

public sealed class ArtifactStoreTests : IDisposable
{
    private static readonly OciReference Reference = OciReference.Parse("oci://registry.test/flux-manifests:latest");
    private readonly string _cache = Directory.CreateTempSubdirectory("store-").FullName;
    private readonly byte[] _layer = Tarballs.With(Tarballs.File("flux/v2.7.0/rbac.yaml", "kind: ClusterRole\n"));
    private readonly byte[] _manifest;
    private HttpStatusCode? _failWith;

    public ArtifactStoreTests()
    {
        var config = FluxArtifactFormat.EmptyConfig;
        _manifest = new OciManifest
        {
            Config = new OciDescriptor { MediaType = FluxArtifactFormat.ConfigMediaType, Digest = OciDigest.Compute(config.Span), Size = config.Length },
            Layers = [new OciDescriptor { MediaType = FluxArtifactFormat.ContentMediaType, Digest = OciDigest.Compute(_layer), Size = _layer.Length }],
        }.ToBytes();
    }

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private HttpResponseMessage Serve(HttpRequestMessage request)
    {
        if (_failWith is { } status)
        {
            return new HttpResponseMessage(status) { Content = new StringContent("") };
        }

        var path = request.RequestUri!.AbsolutePath;
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(path.Contains("/manifests/", StringComparison.Ordinal) ? _manifest : _layer),
        };
        response.Headers.TryAddWithoutValidation("Docker-Content-Digest", path.Contains("/manifests/", StringComparison.Ordinal) ? OciDigest.Compute(_manifest) : OciDigest.Compute(_layer));
        return response;
    }

    private ArtifactStore Store(ScriptedHandler handler) =>
        new(new ArtifactStoreOptions { CacheDirectory = _cache, Client = new OciClientOptions { MaxAttempts = 2, RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero } }, TimeProvider.System, handler: handler);

    [Fact]
    public async Task First_pull_downloads_and_a_second_is_a_cache_hit_after_only_a_head()
    {
        var handler = new ScriptedHandler(Serve);
        using var store = Store(handler);

        var first = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);
        var before = handler.Requests.Count;
        var second = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal(OciDigest.Compute(_manifest), first.Digest);
        Assert.Equal((ArtifactOrigin.Downloaded, ArtifactOrigin.Cache), (first.Origin, second.Origin));
        Assert.Equal([HttpMethod.Head], handler.Requests.Skip(before).Select(r => r.Method));
        Assert.Equal("kind: ClusterRole\n", await File.ReadAllTextAsync(Path.Combine(second.Directory, "flux", "v2.7.0", "rbac.yaml")));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task Unavailable_registry_serves_the_last_cached_digest_flagged(HttpStatusCode status)
    {
        using var store = Store(new ScriptedHandler(Serve));
        var pulled = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);
        _failWith = status;

        var offline = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal(ArtifactOrigin.CacheWhileUnreachable, offline.Origin);
        Assert.True(offline.ServedFromCache);
        Assert.Equal(pulled.Digest, offline.Digest);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), offline.RegistryError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Definite_refusals_are_not_masked_by_the_cache(HttpStatusCode status)
    {
        using var store = Store(new ScriptedHandler(Serve));
        await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);
        _failWith = status;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.StartsWith($"pulling artifact {Reference.ToUrl()} failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unavailable_registry_without_a_cached_copy_fails()
    {
        _failWith = HttpStatusCode.BadGateway;
        using var store = Store(new ScriptedHandler(Serve));

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.Contains("502", error.Message, StringComparison.Ordinal);
        Assert.Contains("after 2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pinned_digest_in_cache_needs_no_registry_at_all()
    {
        var handler = new ScriptedHandler(Serve);
        using var store = Store(handler);
        var pulled = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);
        var count = handler.Requests.Count;
        _failWith = HttpStatusCode.ServiceUnavailable;

        var pinned = await store.PullAsync(Reference.WithDigest(pulled.Digest), RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal(ArtifactOrigin.Cache, pinned.Origin);
        Assert.Equal(count, handler.Requests.Count);
    }

    [Fact]
    public async Task Corrupted_cache_entry_is_fetched_again()
    {
        var handler = new ScriptedHandler(Serve);
        using var store = Store(handler);
        var first = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(first.Directory, "flux", "v2.7.0", "rbac.yaml"), "tampered");

        var second = await store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal(ArtifactOrigin.Downloaded, second.Origin);
        Assert.Equal("kind: ClusterRole\n", await File.ReadAllTextAsync(Path.Combine(second.Directory, "flux", "v2.7.0", "rbac.yaml")));
    }

    [Fact]
    public async Task Concurrent_pulls_of_one_digest_download_once()
    {
        var handler = new ScriptedHandler(Serve);
        using var store = Store(handler);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => store.PullAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None)));

        Assert.Single(results, r => r.Origin == ArtifactOrigin.Downloaded);
        Assert.Single(results.Select(r => r.Directory).Distinct());
        Assert.Single(handler.Requests, r => r.Url.Contains("/blobs/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Head_digest_reports_failures_in_the_watcher_wording()
    {
        _failWith = HttpStatusCode.NotFound;
        using var store = Store(new ScriptedHandler(Serve));

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.HeadDigestAsync(Reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.StartsWith($"fetching digest for artifact {Reference.ToUrl()} failed: GET manifest registry.test/flux-manifests:latest: 404", error.Message, StringComparison.Ordinal);
    }
}
