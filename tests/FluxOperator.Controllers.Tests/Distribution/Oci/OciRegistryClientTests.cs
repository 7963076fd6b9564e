using System.Net;
using System.Text;
using FluxOperator.Controllers.Distribution.Oci;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

public class OciRegistryClientTests
{
    private const string Registry = "registry.test";
    private static readonly byte[] ManifestBytes = Encoding.UTF8.GetBytes("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.cncf.flux.config.v1+json","digest":"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a","size":2},"layers":[]}""");
    private static readonly OciReference Reference = OciReference.Parse($"oci://{Registry}/flux/manifests:latest");
    private static readonly OciClientOptions Fast = new() { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };

    private static OciRegistryClient Client(ScriptedHandler handler, RegistryCredentials? credentials = null, OciClientOptions? options = null, TimeProvider? time = null) =>
        new(Registry, new HttpClient(handler), credentials ?? RegistryCredentials.Anonymous, options ?? Fast, time ?? TimeProvider.System);

    private static HttpResponseMessage Manifest(HttpStatusCode status = HttpStatusCode.OK, string? digestHeader = null)
    {
        var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(ManifestBytes) };
        response.Content.Headers.ContentType = new(OciMediaTypes.ImageManifest);
        response.Headers.TryAddWithoutValidation("Docker-Content-Digest", digestHeader ?? OciDigest.Compute(ManifestBytes));
        return response;
    }

    private static HttpResponseMessage Status(HttpStatusCode status, string? body = null) =>
        new(status) { Content = new StringContent(body ?? "") };

    private static HttpResponseMessage Challenge(string header)
    {
        var response = Status(HttpStatusCode.Unauthorized, """{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}""");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", header);
        return response;
    }

    [Fact]
    public async Task Manifest_digest_is_the_sha256_of_the_bytes_and_accept_lists_oci_and_docker_types()
    {
        string[] accept = [];
        var handler = new ScriptedHandler(request =>
        {
            accept = request.Headers.Accept.Select(a => a.MediaType!).ToArray();
            return Manifest();
        });

        var manifest = await Client(handler).GetManifestAsync(Reference, CancellationToken.None);

        Assert.Equal(OciDigest.Compute(ManifestBytes), manifest.Digest);
        Assert.Contains(OciMediaTypes.ImageManifest, accept);
        Assert.Contains(OciMediaTypes.DockerManifest, accept);
        Assert.Equal($"https://{Registry}/v2/flux/manifests/manifests/latest", Assert.Single(handler.Requests).Url);
    }

    [Fact]
    public async Task Manifest_whose_bytes_do_not_match_the_pinned_digest_is_refused()
    {
        var pinned = Reference.WithDigest("sha256:" + new string('0', 64));
        var handler = new ScriptedHandler(_ => Manifest(digestHeader: "sha256:" + new string('0', 64)));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler).GetManifestAsync(pinned, CancellationToken.None));

        Assert.Equal(OciFailure.DigestMismatch, error.Failure);
        Assert.Contains("digest mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_challenge_fetches_a_token_with_basic_credentials_once_and_reuses_it()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.test")
            {
                Assert.Equal("service=registry.test&scope=repository%3Aflux%2Fmanifests%3Apull", request.RequestUri.Query.TrimStart('?'));
                return request.Headers.Authorization?.Parameter == Convert.ToBase64String("u:p"u8.ToArray())
                    ? Status(HttpStatusCode.OK, """{"token":"T0K3N","expires_in":300}""")
                    : Status(HttpStatusCode.Unauthorized);
            }

            return request.Headers.Authorization?.ToString() == "Bearer T0K3N"
                ? Manifest()
                : Challenge("Bearer realm=\"https://auth.test/token\",service=\"registry.test\",scope=\"repository:flux/manifests:pull\"");
        });
        var client = Client(handler, RegistryCredentials.ForRegistry(Registry, "u", "p"));

        await client.GetManifestAsync(Reference, CancellationToken.None);
        await client.HeadManifestAsync(Reference, CancellationToken.None);

        var requests = handler.Requests.ToArray();
        Assert.Equal(["GET registry.test", "GET auth.test", "GET registry.test", "HEAD registry.test"], requests.Select(r => $"{r.Method} {new Uri(r.Url).Host}"));
        Assert.StartsWith("Basic ", requests[1].Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cached_token_is_reused_until_it_expires_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var tokens = 0;
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.test")
            {
                tokens++;
                return Status(HttpStatusCode.OK, $$"""{"token":"T{{tokens}}","expires_in":60}""");
            }

            return request.Headers.Authorization?.ToString() == $"Bearer T{tokens}" ? Manifest() : Challenge("Bearer realm=\"https://auth.test/token\",service=\"s\"");
        });
        var client = Client(handler, time: time);

        await client.GetManifestAsync(Reference, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        await client.GetManifestAsync(Reference, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(31));
        await client.GetManifestAsync(Reference, CancellationToken.None);

        Assert.Equal(2, tokens);
    }

    [Fact]
    public async Task Identity_token_is_exchanged_with_an_oauth2_refresh_token_post()
    {
        string? form = null;
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.test")
            {
                Assert.Equal(HttpMethod.Post, request.Method);
                form = request.Content!.ReadAsStringAsync().GetAwaiter().GetResult();
                return Status(HttpStatusCode.OK, """{"access_token":"AT"}""");
            }

            return request.Headers.Authorization?.ToString() == "Bearer AT" ? Manifest() : Challenge("Bearer realm=\"https://auth.test/oauth2/token\",service=\"registry.test\",scope=\"repository:flux/manifests:pull\"");
        });
        var credentials = new RegistryCredentials([new(Registry, new RegistryCredential("00000000-0000-0000-0000-000000000000", "", "REFRESH"))]);

        await Client(handler, credentials).GetManifestAsync(Reference, CancellationToken.None);

        Assert.Contains("grant_type=refresh_token", form, StringComparison.Ordinal);
        Assert.Contains("refresh_token=REFRESH", form, StringComparison.Ordinal);
        Assert.Contains("scope=repository%3Aflux%2Fmanifests%3Apull", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_an_upload_location_on_another_host()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "storage.test")
            {
                return new HttpResponseMessage(HttpStatusCode.Created);
            }

            if (request.Headers.Authorization is null)
            {
                return Challenge("Basic realm=\"r\"");
            }

            if (request.Method == HttpMethod.Head)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            var started = new HttpResponseMessage(HttpStatusCode.Accepted);
            started.Headers.Location = new Uri("https://storage.test/upload/1?sig=abc");
            return started;
        });
        var bytes = "blob"u8.ToArray();

        await Client(handler, RegistryCredentials.ForRegistry(Registry, "u", "p")).PushBlobAsync("flux/manifests", OciDigest.Compute(bytes), bytes.Length, () => new MemoryStream(bytes), CancellationToken.None);

        var put = handler.Requests.Last();
        Assert.Equal("storage.test", new Uri(put.Url).Host);
        Assert.Null(put.Authorization);
        Assert.Contains("sig=abc&digest=sha256", put.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_bearer_token_is_requested_without_authorization()
    {
        string? tokenAuthorization = "unset";
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Host == "auth.test")
            {
                tokenAuthorization = request.Headers.Authorization?.ToString();
                return Status(HttpStatusCode.OK, """{"access_token":"anon"}""");
            }

            return request.Headers.Authorization?.ToString() == "Bearer anon" ? Manifest() : Challenge("Bearer realm=\"https://auth.test/token\",service=\"s\"");
        });

        await Client(handler).GetManifestAsync(Reference, CancellationToken.None);

        Assert.Null(tokenAuthorization);
    }

    [Fact]
    public async Task Rejected_token_credentials_name_registry_and_401()
    {
        var handler = new ScriptedHandler(request => request.RequestUri!.Host == "auth.test"
            ? Status(HttpStatusCode.Unauthorized)
            : Challenge("Bearer realm=\"https://auth.test/token\",service=\"s\""));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler, RegistryCredentials.ForRegistry(Registry, "u", "wrong")).GetManifestAsync(Reference, CancellationToken.None));

        Assert.Contains(Registry, error.Message, StringComparison.Ordinal);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Basic_challenge_is_answered_once_and_wrong_password_reports_401_with_registry_errors()
    {
        var handler = new ScriptedHandler(_ => Challenge("Basic realm=\"registry\""));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler, RegistryCredentials.ForRegistry(Registry, "u", "wrong")).GetManifestAsync(Reference, CancellationToken.None));

        Assert.Equal(2, handler.Requests.Count);
        Assert.StartsWith("Basic ", handler.Requests.Last().Authorization, StringComparison.Ordinal);
        Assert.Equal("GET manifest registry.test/flux/manifests:latest: 401 Unauthorized: UNAUTHORIZED: authentication required", error.Message);
    }

    [Fact]
    public async Task Missing_repository_reports_404_and_the_registry_error_code()
    {
        var handler = new ScriptedHandler(_ => Status(HttpStatusCode.NotFound, """{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}"""));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler).GetManifestAsync(Reference, CancellationToken.None));

        Assert.Equal("GET manifest registry.test/flux/manifests:latest: 404 Not Found: NAME_UNKNOWN: repository name not known to registry", error.Message);
        Assert.False(error.IsUnavailable);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Transient_statuses_are_retried_until_success(HttpStatusCode status)
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => ++calls < 3 ? Status(status) : Manifest());

        await Client(handler).GetManifestAsync(Reference, CancellationToken.None);

        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Retries_stop_after_max_attempts_and_say_so()
    {
        var handler = new ScriptedHandler(_ => Status(HttpStatusCode.InternalServerError));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler, options: Fast with { MaxAttempts = 3 }).GetManifestAsync(Reference, CancellationToken.None));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("after 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsUnavailable);
    }

    [Fact]
    public async Task Connection_failure_is_reported_as_unreachable()
    {
        var handler = new ScriptedHandler(_ => Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused")));

        var error = await Assert.ThrowsAsync<OciException>(() => Client(handler, options: Fast with { MaxAttempts = 2 }).HeadManifestAsync(Reference, CancellationToken.None));

        Assert.Equal(OciFailure.Unreachable, error.Failure);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_that_never_answers_times_out_on_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(_ => new TaskCompletionSource<HttpResponseMessage>().Task);
        var client = Client(handler, options: Fast with { MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) }, time: time);

        var pull = client.GetManifestAsync(Reference, CancellationToken.None);
        while (!pull.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        var error = await Assert.ThrowsAsync<OciException>(() => pull);
        Assert.Equal(OciFailure.Timeout, error.Failure);
        Assert.Contains("timed out after 5s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(10, 1000)]
    public void Backoff_doubles_and_is_capped(int attempt, int expectedMilliseconds)
    {
        var client = Client(new ScriptedHandler(_ => Manifest()), options: new OciClientOptions { RetryBaseDelay = TimeSpan.FromMilliseconds(100), RetryMaxDelay = TimeSpan.FromSeconds(1) });

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), client.RetryDelay(attempt, null));
    }

    [Fact]
    public void Retry_after_is_honoured_but_capped()
    {
        var client = Client(new ScriptedHandler(_ => Manifest()), options: new OciClientOptions { RetryMaxDelay = TimeSpan.FromSeconds(5) });

        Assert.Equal(TimeSpan.FromSeconds(2), client.RetryDelay(1, new(TimeSpan.FromSeconds(2))));
        Assert.Equal(TimeSpan.FromSeconds(5), client.RetryDelay(1, new(TimeSpan.FromMinutes(5))));
    }

    [Fact]
    public async Task Head_falls_back_to_get_when_the_registry_refuses_head()
    {
        var handler = new ScriptedHandler(request => request.Method == HttpMethod.Head ? Status(HttpStatusCode.MethodNotAllowed) : Manifest());

        var descriptor = await Client(handler).HeadManifestAsync(Reference, CancellationToken.None);

        Assert.Equal(OciDigest.Compute(ManifestBytes), descriptor.Digest);
        Assert.Equal([HttpMethod.Head, HttpMethod.Get], handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Tag_listing_follows_link_pagination()
    {
        var handler = new ScriptedHandler(request =>
        {
            var query = request.RequestUri!.Query;
            var response = Status(HttpStatusCode.OK, query.Contains("last=b", StringComparison.Ordinal) ? """{"name":"flux/manifests","tags":["c"]}""" : """{"name":"flux/manifests","tags":["a","b"]}""");
            if (!query.Contains("last=b", StringComparison.Ordinal))
            {
                response.Headers.TryAddWithoutValidation("Link", "</v2/flux/manifests/tags/list?last=b&n=2>; rel=\"next\"");
            }

            return response;
        });

        var tags = await Client(handler).ListTagsAsync("flux/manifests", CancellationToken.None, pageSize: 2);

        Assert.Equal(["a", "b", "c"], tags);
        Assert.Equal($"https://{Registry}/v2/flux/manifests/tags/list?last=b&n=2", handler.Requests.Last().Url);
    }

    [Fact]
    public async Task Plain_http_is_used_only_when_asked_for()
    {
        var handler = new ScriptedHandler(_ => Manifest());

        await Client(handler, options: Fast with { PlainHttp = true }).GetManifestAsync(Reference, CancellationToken.None);
        await Client(handler).GetManifestAsync(Reference, CancellationToken.None);

        Assert.Equal(["http", "https"], handler.Requests.Select(r => new Uri(r.Url).Scheme));
    }
}
