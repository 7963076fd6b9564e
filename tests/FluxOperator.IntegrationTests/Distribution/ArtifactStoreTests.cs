using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>The store against a real registry: change detection, tampering, auth and availability failures, cache fallback.</summary>
public sealed class ArtifactStoreTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oci-store-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<PushedArtifact> PushAsync(RegistryServer registry, string folder, OciReference reference, RegistryCredentials? credentials = null)
    {
        var options = RegistryRoundTripTests.ClientOptions(registry);
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, credentials ?? RegistryCredentials.Anonymous, options, TimeProvider.System);
        return await ArtifactPublisher.PushAsync(client, folder, reference, new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None);
    }

    private (ArtifactStore Store, CountingHandler Counter) Store(OciClientOptions options, TimeSpan? pullTimeout = null)
    {
        var counter = new CountingHandler(OciRegistryClient.CreateHandler(options));
        var store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_work, "cache"), Client = options, PullTimeout = pullTimeout ?? TimeSpan.FromSeconds(30) }, TimeProvider.System, handler: counter);
        return (store, counter);
    }

    [Fact]
    public async Task Moved_tag_is_detected_by_head_without_downloading_blobs()
    {
        await using var registry = await RegistryServer.StartAsync();
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        var first = await PushAsync(registry, Trees.Small(_work, "v2.7.0"), reference);
        var (store, counter) = Store(new OciClientOptions { PlainHttp = true });
        using var _ = store;

        Assert.Equal(first.Digest, await store.HeadDigestAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None));
        var second = await PushAsync(registry, Trees.Small(_work, "v2.7.1"), reference);
        var moved = await store.HeadDigestAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.NotEqual(first.Digest, second.Digest);
        Assert.Equal(second.Digest, moved);
        Assert.Equal(2, counter.Count("HEAD", "/manifests/latest"));
        Assert.Equal(0, counter.Count("GET", "/blobs/"));
        Assert.Equal(0, counter.Count("GET", "/manifests/"));
    }

    [Fact]
    public async Task Unchanged_digest_is_served_from_cache_and_a_moved_tag_downloads_anew()
    {
        await using var registry = await RegistryServer.StartAsync();
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        await PushAsync(registry, Trees.Small(_work, "v2.7.0"), reference);
        var (store, counter) = Store(new OciClientOptions { PlainHttp = true });
        using var _ = store;

        var downloaded = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
        var cached = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
        await PushAsync(registry, Trees.Small(_work, "v2.8.0"), reference);
        var moved = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal((ArtifactOrigin.Downloaded, ArtifactOrigin.Cache, ArtifactOrigin.Downloaded), (downloaded.Origin, cached.Origin, moved.Origin));
        Assert.Equal(downloaded.Directory, cached.Directory);
        Assert.Equal(["v2.8.0"], Directory.GetDirectories(Path.Combine(moved.Directory, "flux")).Select(Path.GetFileName));
        Assert.Equal(2, counter.Count("GET", "/blobs/"));
    }

    [Fact]
    public async Task Redirected_manifest_and_blob_requests_are_followed()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var front = new RedirectingFront(registry.Host);
        var folder = Trees.Small(_work, "v2.7.0");
        var pushed = await PushAsync(registry, folder, OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest"));
        var (store, _) = Store(new OciClientOptions { PlainHttp = true });
        using var owned = store;

        var pulled = await store.PullAsync(OciReference.Parse($"oci://{front.Host}/flux-manifests:latest"), RegistryCredentials.Anonymous, CancellationToken.None);

        Assert.Equal(pushed.Digest, pulled.Digest);
        Trees.AssertIdentical(folder, pulled.Directory);
        Assert.True(front.Redirects >= 3, $"{front.Redirects} redirects");
    }

    [Fact]
    public async Task Tampered_blob_on_the_registry_disk_fails_with_digest_mismatch_and_leaves_the_cache_untouched()
    {
        await using var registry = await RegistryServer.StartAsync();
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        await PushAsync(registry, Trees.Small(_work, "v2.7.0"), reference);
        var (store, _) = Store(new OciClientOptions { PlainHttp = true });
        using var owned = store;
        var good = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
        var entriesBefore = Directory.GetDirectories(store.Cache.Root, "sha256-*");

        var next = await PushAsync(registry, Trees.Small(_work, "v2.8.0"), reference);
        var blob = registry.BlobPath(next.LayerDigest);
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[bytes.Length / 2] ^= 0xff;
        await File.WriteAllBytesAsync(blob, bytes);

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.StartsWith($"extracting layer from artifact {reference.ToUrl()} failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("digest mismatch", error.Message, StringComparison.Ordinal);
        Assert.Equal(entriesBefore, Directory.GetDirectories(store.Cache.Root, "sha256-*"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.Cache.Root, "tmp")));
        Assert.Equal(good.Digest, store.Cache.LastDigest(reference));
        Assert.NotNull(await store.Cache.TryGetAsync(good.Digest, verifyContent: true, CancellationToken.None));
    }

    [Fact]
    public async Task Hostile_layer_served_by_the_registry_is_rejected_and_nothing_escapes_the_cache()
    {
        await using var registry = await RegistryServer.StartAsync();
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:evil");
        var options = new OciClientOptions { PlainHttp = true };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var layer = EvilLayer();
        var config = FluxArtifactFormat.EmptyConfig.ToArray();
        await client.PushBlobAsync(reference.Repository, OciDigest.Compute(config), config.Length, () => new MemoryStream(config), CancellationToken.None);
        await client.PushBlobAsync(reference.Repository, OciDigest.Compute(layer), layer.Length, () => new MemoryStream(layer), CancellationToken.None);
        var manifest = new OciManifest
        {
            Config = new OciDescriptor { MediaType = FluxArtifactFormat.ConfigMediaType, Digest = OciDigest.Compute(config), Size = config.Length },
            Layers = [new OciDescriptor { MediaType = OciMediaTypes.ImageLayerGzip, Digest = OciDigest.Compute(layer), Size = layer.Length }],
        };
        await client.PushManifestAsync(reference, manifest.ToBytes(), OciMediaTypes.ImageManifest, CancellationToken.None);
        var (store, _) = Store(options);
        using var owned = store;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.Equal($"extracting layer from artifact {reference.ToUrl()} failed: tar contained invalid name error \"../../escaped.yaml\"", error.Message);
        Assert.False(File.Exists(Path.Combine(store.Cache.Root, "escaped.yaml")));
        Assert.False(File.Exists(Path.Combine(_work, "escaped.yaml")));
        Assert.Empty(Directory.GetDirectories(store.Cache.Root, "sha256-*"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(store.Cache.Root, "tmp")));
    }

    // A first harmless entry, then one that climbs out of the extraction folder.
    private static byte[] EvilLayer()
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new System.Formats.Tar.TarWriter(gzip))
        {
            foreach (var name in new[] { "flux/v2.7.0/rbac.yaml", "../../escaped.yaml" })
            {
                tar.WriteEntry(new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, name) { DataStream = new MemoryStream("kind: x\n"u8.ToArray()) });
            }
        }

        return output.ToArray();
    }

    [Fact]
    public async Task Wrong_credentials_name_the_registry_and_401()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true, auth: RegistryAuth.Basic);
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        var (store, _) = Store(RegistryRoundTripTests.ClientOptions(registry));
        using var owned = store;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(reference, RegistryRoundTripTests.DockerConfigFor(registry, "wrong"), CancellationToken.None));

        Assert.StartsWith($"pulling artifact oci://{registry.Host}/flux-manifests:latest failed: HEAD manifest {registry.Host}/flux-manifests:latest: 401 Unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_credentials_at_the_token_server_name_the_registry_and_401()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true, auth: RegistryAuth.Token);
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        var (store, _) = Store(RegistryRoundTripTests.ClientOptions(registry));
        using var owned = store;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.HeadDigestAsync(reference, RegistryRoundTripTests.DockerConfigFor(registry, "wrong"), CancellationToken.None));

        Assert.Contains(registry.Host, error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_repository_reports_404()
    {
        await using var registry = await RegistryServer.StartAsync();
        var (store, _) = Store(new OciClientOptions { PlainHttp = true });
        using var owned = store;

        var error = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(OciReference.Parse($"oci://{registry.Host}/no/such-repo:latest"), RegistryCredentials.Anonymous, CancellationToken.None));

        // docker-registry 2.8 answers MANIFEST_UNKNOWN for a repository it never stored; the error list is kept either way.
        Assert.StartsWith($"pulling artifact oci://{registry.Host}/no/such-repo:latest failed: GET manifest {registry.Host}/no/such-repo:latest: 404 Not Found: ", error.Message, StringComparison.Ordinal);
        Assert.Matches("(NAME|MANIFEST)_UNKNOWN", error.Message);
    }

    [Fact]
    public async Task Stopped_registry_fails_quickly_and_the_last_pulled_artifact_keeps_serving()
    {
        var registry = await RegistryServer.StartAsync();
        await using var owned = registry;
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        await PushAsync(registry, Trees.Small(_work, "v2.7.0"), reference);
        var (store, _) = Store(new OciClientOptions { PlainHttp = true, MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(50) });
        using var ownedStore = store;
        var pulled = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);

        registry.Kill();
        var offline = await store.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
        var head = await Assert.ThrowsAsync<ArtifactException>(() => store.HeadDigestAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.Equal(ArtifactOrigin.CacheWhileUnreachable, offline.Origin);
        Assert.Equal((pulled.Digest, pulled.Directory), (offline.Digest, offline.Directory));
        Assert.Contains(registry.Host, offline.RegistryError, StringComparison.Ordinal);
        Assert.StartsWith($"fetching digest for artifact {reference.ToUrl()} failed: HEAD manifest {registry.Host}/flux-manifests:latest: ", head.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hung_registry_times_out_within_the_budget_and_cache_still_serves()
    {
        await using var registry = await RegistryServer.StartAsync();
        using var hung = new BlackHole();
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:latest");
        await PushAsync(registry, Trees.Small(_work, "v2.7.0"), reference);
        var (healthy, _) = Store(new OciClientOptions { PlainHttp = true });
        var pulled = await healthy.PullAsync(reference, RegistryCredentials.Anonymous, CancellationToken.None);
        healthy.Dispose();

        // A second store on the same cache with short timeouts, as an operator restarted with tighter budgets.
        var options = new OciClientOptions { PlainHttp = true, RequestTimeout = TimeSpan.FromMilliseconds(500), MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(50) };
        var (store, _) = Store(options, pullTimeout: TimeSpan.FromSeconds(5));
        using var owned = store;

        // Same repository and tag, other host: the cache keys by registry too, so point the pointer at it.
        var hungReference = OciReference.Parse($"oci://{hung.Host}/flux-manifests:latest");
        store.Cache.RecordDigest(hungReference, pulled.Digest);
        var offline = await store.PullAsync(hungReference, RegistryCredentials.Anonymous, CancellationToken.None);
        var uncached = await Assert.ThrowsAsync<ArtifactException>(() => store.PullAsync(hungReference.WithTag("other"), RegistryCredentials.Anonymous, CancellationToken.None));

        Assert.Equal(ArtifactOrigin.CacheWhileUnreachable, offline.Origin);
        Assert.Contains("timed out", offline.RegistryError, StringComparison.Ordinal);
        Assert.Contains("timed out", uncached.Message, StringComparison.Ordinal);
        Assert.Contains(hung.Host, uncached.Message, StringComparison.Ordinal);
    }
}
