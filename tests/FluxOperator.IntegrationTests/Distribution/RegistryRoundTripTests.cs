using System.Security.Cryptography.X509Certificates;
using System.Text;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>The real distribution pushed with our push and pulled back through a real registry, in every auth mode.</summary>
public sealed class RegistryRoundTripTests : IDisposable
{
    private static readonly DateTimeOffset Created = new(2025, 7, 15, 10, 11, 0, TimeSpan.Zero);
    private readonly string _work = Directory.CreateTempSubdirectory("oci-roundtrip-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    public static TheoryData<bool, RegistryAuth, bool> Modes => new()
    {
        { false, RegistryAuth.None, true },
        { true, RegistryAuth.Basic, true },
        { true, RegistryAuth.Token, true },
        { false, RegistryAuth.AnonymousToken, false },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Distribution_round_trips_byte_for_byte(bool tls, RegistryAuth auth, bool realDistribution)
    {
        var source = realDistribution ? SharedDistribution.Root : Trees.Small(_work, "v2.7.0");
        await using var registry = await RegistryServer.StartAsync(tls, auth);
        var options = ClientOptions(registry);
        var credentials = auth is RegistryAuth.Basic or RegistryAuth.Token ? DockerConfigFor(registry) : RegistryCredentials.Anonymous;
        var reference = OciReference.Parse($"oci://{registry.Host}/controlplaneio-fluxcd/flux-operator-manifests:latest");

        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, credentials, options, TimeProvider.System);
        var pushed = await ArtifactPublisher.PushAsync(client, source, reference, new ArtifactAnnotations { Created = Created, Source = "https://github.com/controlplaneio-fluxcd/flux-operator", Revision = "main@sha1:0123456789abcdef0123456789abcdef01234567" }, CancellationToken.None);

        using var store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_work, "cache"), Client = options }, TimeProvider.System);
        var pulled = await store.PullAsync(reference, credentials, CancellationToken.None);

        Assert.Equal(pushed.Digest, pulled.Digest);
        Assert.Equal(ArtifactOrigin.Downloaded, pulled.Origin);
        Trees.AssertIdentical(source, pulled.Directory);
        if (auth is RegistryAuth.Token or RegistryAuth.AnonymousToken)
        {
            Assert.True(registry.Tokens!.Requests > 0);
        }
    }

    [Fact]
    public async Task Chunked_upload_of_the_real_distribution_round_trips()
    {
        await using var registry = await RegistryServer.StartAsync();
        var options = new OciClientOptions { PlainHttp = true, UploadChunkSize = 256 << 10 };
        var counter = new CountingHandler(OciRegistryClient.CreateHandler(options));
        using var http = new HttpClient(counter);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:chunked");

        await client.PingAsync(CancellationToken.None);
        var pushed = await ArtifactPublisher.PushAsync(client, SharedDistribution.Root, reference, new ArtifactAnnotations { Created = Created }, CancellationToken.None);
        var pulled = await ArtifactPuller.PullAsync(client, reference, Path.Combine(_work, "out"), new ExtractionLimits(), CancellationToken.None);

        Assert.Equal((int)((pushed.LayerSize + options.UploadChunkSize - 1) / options.UploadChunkSize), counter.Count("PATCH", "/blobs/uploads/"));
        Assert.Equal(pushed.Digest, pulled.Digest);
        Trees.AssertIdentical(SharedDistribution.Root, pulled.Directory);
    }

    [Fact]
    public async Task Published_manifest_has_the_flux_media_types_and_annotations_and_is_reproducible()
    {
        await using var registry = await RegistryServer.StartAsync();
        var options = new OciClientOptions { PlainHttp = true };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var reference = OciReference.Parse($"oci://{registry.Host}/flux-manifests:v1");
        var annotations = new ArtifactAnnotations { Created = Created, Source = "https://example.com/repo", Revision = "v1@sha1:abc" };

        var first = await ArtifactPublisher.PushAsync(client, SharedDistribution.Root, reference, annotations, CancellationToken.None);
        var second = await ArtifactPublisher.PushAsync(client, SharedDistribution.Root, reference.WithTag("v1-again"), annotations, CancellationToken.None);
        var manifest = (await client.GetManifestAsync(reference, CancellationToken.None)).Parse();

        Assert.Equal((first.Digest, first.LayerDigest), (second.Digest, second.LayerDigest));
        Assert.Equal(OciMediaTypes.ImageManifest, manifest.MediaType);
        Assert.Equal(FluxArtifactFormat.ConfigMediaType, manifest.Config.MediaType);
        Assert.Equal(FluxArtifactFormat.ContentMediaType, Assert.Single(manifest.Layers).MediaType);
        Assert.Equal("2025-07-15T10:11:00Z", manifest.Annotations![FluxArtifactFormat.CreatedAnnotation]);
        Assert.Equal("https://example.com/repo", manifest.Annotations[FluxArtifactFormat.SourceAnnotation]);
        Assert.Equal("v1@sha1:abc", manifest.Annotations[FluxArtifactFormat.RevisionAnnotation]);
        Assert.Equal(["v1", "v1-again"], (await client.ListTagsAsync("flux-manifests", CancellationToken.None, pageSize: 1)).Order(StringComparer.Ordinal));
    }

    internal static OciClientOptions ClientOptions(RegistryServer registry) => registry.Certificates is { } certificates
        ? new OciClientOptions { CaCertificates = [X509CertificateLoader.LoadCertificate(certificates.Ca.RawData)] }
        : new OciClientOptions { PlainHttp = true };

    // Credentials the way the operator gets them: the bytes of a kubernetes.io/dockerconfigjson Secret.
    internal static RegistryCredentials DockerConfigFor(RegistryServer registry, string password = RegistryServer.Password)
    {
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{password}"));
        return DockerConfig.Parse(Encoding.UTF8.GetBytes($"{{\"auths\":{{\"{registry.Host}\":{{\"auth\":\"{auth}\"}}}}}}"));
    }
}
