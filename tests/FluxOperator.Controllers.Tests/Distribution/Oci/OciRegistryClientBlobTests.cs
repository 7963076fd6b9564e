using System.Net;
using System.Text;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class OciRegistryClientBlobTests
{
    private const string Registry = "registry.test";
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("flux artifact layer bytes");
    private static readonly OciDescriptor Blob = new() { MediaType = "application/octet-stream", Digest = OciDigest.Compute(Content), Size = Content.Length };

    private static OciRegistryClient Client(ScriptedHandler handler) =>
        new(Registry, new HttpClient(handler), RegistryCredentials.Anonymous, new OciClientOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero }, TimeProvider.System);

    private static HttpResponseMessage Body(byte[] bytes) => new(HttpStatusCode.OK) { Content = new ByteArrayContent(bytes) };

    // Served without Content-Length (chunked), so the stream itself must catch size problems.
    private static async Task<OciException> ReadAndVerifyFailure(byte[] served)
    {
        return await Assert.ThrowsAsync<OciException>(async () =>
        {
            await using var blob = await Client(new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnsizedContent(served) })).OpenBlobAsync("flux", Blob, CancellationToken.None);
            await blob.VerifyAsync(CancellationToken.None);
        });
    }

    [Fact]
    public async Task Intact_blob_streams_and_verifies()
    {
        var reports = new List<long>();
        await using var blob = await Client(new ScriptedHandler(_ => Body(Content))).OpenBlobAsync("flux", Blob, CancellationToken.None, new SyncProgressOf(reports));
        using var copy = new MemoryStream();

        await blob.CopyToAsync(copy);
        await blob.VerifyAsync(CancellationToken.None);

        Assert.Equal(Content, copy.ToArray());
        Assert.True(blob.IsVerified);
        Assert.Equal(Content.Length, reports[^1]);
    }

    [Fact]
    public async Task Changed_byte_fails_with_digest_mismatch_naming_the_blob()
    {
        var tampered = (byte[])Content.Clone();
        tampered[3] ^= 0x20;

        var error = await ReadAndVerifyFailure(tampered);

        Assert.Equal(OciFailure.DigestMismatch, error.Failure);
        Assert.Contains($"GET blob {Registry}/flux@{Blob.Digest}: digest mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Longer_body_than_declared_is_cut_off()
    {
        var error = await ReadAndVerifyFailure([.. Content, .. "more"u8.ToArray()]);

        Assert.Contains("size mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_body_fails_on_size()
    {
        var error = await ReadAndVerifyFailure(Content[..^2]);

        Assert.Contains($"expected {Content.Length} bytes, got {Content.Length - 2}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_length_differing_from_the_manifest_is_refused_before_reading()
    {
        var error = await Assert.ThrowsAsync<OciException>(() => Client(new ScriptedHandler(_ => Body(Content[..^1]))).OpenBlobAsync("flux", Blob, CancellationToken.None));

        Assert.Contains($"manifest declares {Content.Length} bytes, registry sends {Content.Length - 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monolithic_upload_posts_then_puts_with_digest_appended_to_the_location_query()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.Method == HttpMethod.Head)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            if (request.Method == HttpMethod.Post)
            {
                var started = new HttpResponseMessage(HttpStatusCode.Accepted);
                started.Headers.Location = new Uri("/v2/flux/blobs/uploads/abc?_state=xyz", UriKind.Relative);
                return started;
            }

            Assert.Equal(Content, request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult());
            return new HttpResponseMessage(HttpStatusCode.Created);
        });

        var uploaded = await Client(handler).PushBlobAsync("flux", Blob.Digest, Blob.Size, () => new MemoryStream(Content), CancellationToken.None);

        Assert.True(uploaded);
        Assert.Equal($"https://{Registry}/v2/flux/blobs/uploads/abc?_state=xyz&digest={Uri.EscapeDataString(Blob.Digest)}", handler.Requests.Last().Url);
    }

    [Fact]
    public async Task Blob_already_present_is_not_uploaded_again()
    {
        var handler = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));

        var uploaded = await Client(handler).PushBlobAsync("flux", Blob.Digest, Blob.Size, () => new MemoryStream(Content), CancellationToken.None);

        Assert.False(uploaded);
        Assert.Equal(HttpMethod.Head, Assert.Single(handler.Requests).Method);
    }

    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class SyncProgressOf(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
