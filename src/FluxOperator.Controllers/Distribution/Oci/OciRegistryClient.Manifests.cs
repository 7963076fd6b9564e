using System.Net;

namespace FluxOperator.Controllers.Distribution.Oci;

// Manifests and tags.
public sealed partial class OciRegistryClient
{
    /// <summary>GET the manifest; the digest is computed from the bytes and checked against a pinned digest and <c>Docker-Content-Digest</c>.</summary>
    public async Task<ManifestResponse> GetManifestAsync(OciReference reference, CancellationToken cancellationToken)
    {
        var request = ManifestRequest(HttpMethod.Get, reference);
        using var response = await SendAsync(request with { Streaming = true }, cancellationToken).ConfigureAwait(false);
        byte[] bytes;
        try
        {
            bytes = await ReadLimitedAsync(response.Content, _options.MaxManifestBytes, "manifest", cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new OciException(OciFailure.InvalidResponse, request.Step, Registry, reference.Repository, request.Subject, e.Message, innerException: e);
        }
        catch (HttpRequestException e)
        {
            throw new OciException(OciFailure.Unreachable, request.Step, Registry, reference.Repository, request.Subject, Describe(e), innerException: e);
        }

        var digest = OciDigest.Compute(bytes);
        var expected = reference.Digest ?? HeaderDigest(response);
        if (expected is not null && expected.StartsWith(OciDigest.Sha256Prefix, StringComparison.Ordinal) && expected != digest)
        {
            throw new OciException(OciFailure.DigestMismatch, request.Step, Registry, reference.Repository, request.Subject, $"digest mismatch: expected {expected}, got {digest}");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? OciMediaTypes.ImageManifest;
        return new ManifestResponse(digest, mediaType, bytes);
    }

    /// <summary>
    /// The manifest's descriptor without its body (HEAD), for change detection; falls back to GET when the registry
    /// does not answer HEAD or omits <c>Docker-Content-Digest</c>, and on 404 (a HEAD has no body, the GET's error
    /// list says whether the repository or the tag is unknown).
    /// </summary>
    public async Task<OciDescriptor> HeadManifestAsync(OciReference reference, CancellationToken cancellationToken)
    {
        var request = ManifestRequest(HttpMethod.Head, reference) with { Tolerated = [HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotImplemented, HttpStatusCode.NotFound] };
        using (var response = await SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            if (response.IsSuccessStatusCode && HeaderDigest(response) is { } digest && OciDigest.IsValid(digest))
            {
                return new OciDescriptor
                {
                    Digest = digest,
                    MediaType = response.Content.Headers.ContentType?.MediaType ?? OciMediaTypes.ImageManifest,
                    Size = response.Content.Headers.ContentLength ?? 0,
                };
            }
        }

        var manifest = await GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        return new OciDescriptor { Digest = manifest.Digest, MediaType = manifest.MediaType, Size = manifest.Bytes.Length };
    }

    /// <summary>PUT a manifest under the reference's tag (or digest); returns the digest of the bytes.</summary>
    public async Task<string> PushManifestAsync(OciReference reference, ReadOnlyMemory<byte> manifest, string mediaType, CancellationToken cancellationToken)
    {
        var digest = OciDigest.Compute(manifest.Span);
        var request = ManifestRequest(HttpMethod.Put, reference) with
        {
            Actions = "pull,push",
            Accept = [],
            Content = () => new ReadOnlyMemoryContent(manifest) { Headers = { ContentType = new(mediaType) } },
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (HeaderDigest(response) is { } served && served.StartsWith(OciDigest.Sha256Prefix, StringComparison.Ordinal) && served != digest)
        {
            throw new OciException(OciFailure.DigestMismatch, request.Step, Registry, reference.Repository, request.Subject, $"registry stored digest {served}, we sent {digest}");
        }

        return digest;
    }

    /// <summary>Every tag of the repository, following <c>Link: &lt;…&gt;; rel="next"</c> pages.</summary>
    public async Task<IReadOnlyList<string>> ListTagsAsync(string repository, CancellationToken cancellationToken, int pageSize = 1000)
    {
        var tags = new List<string>();
        string? target = $"/v2/{repository}/tags/list?n={pageSize}";
        var pages = 0;
        while (target is not null)
        {
            if (++pages > 10_000)
            {
                throw new OciException(OciFailure.InvalidResponse, "GET tags", Registry, repository, "", "more than 10000 pages of tags");
            }

            var request = new RegistryRequest(HttpMethod.Get, "GET tags", repository, target) { Streaming = true };
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            TagList? page;
            try
            {
                var body = await ReadLimitedAsync(response.Content, 16 << 20, "tag list", cancellationToken).ConfigureAwait(false);
                page = System.Text.Json.JsonSerializer.Deserialize(body, OciJsonContext.Default.TagList);
            }
            catch (InvalidDataException e)
            {
                throw new OciException(OciFailure.InvalidResponse, request.Step, Registry, repository, "", e.Message, innerException: e);
            }
            catch (HttpRequestException e)
            {
                throw new OciException(OciFailure.Unreachable, request.Step, Registry, repository, "", Describe(e), innerException: e);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new OciException(OciFailure.InvalidResponse, request.Step, Registry, repository, "", $"tag list is not valid JSON: {e.Message}", innerException: e);
            }

            tags.AddRange(page?.Tags ?? []);
            target = NextLink(response);
        }

        return tags;
    }

    /// <summary>The target of a <c>rel="next"</c> Link header, or null.</summary>
    internal static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values.SelectMany(v => v.Split(',')))
        {
            var open = value.IndexOf('<', StringComparison.Ordinal);
            var close = value.IndexOf('>', StringComparison.Ordinal);
            if (open >= 0 && close > open && value[(close + 1)..].Replace(" ", "", StringComparison.Ordinal).Contains("rel=\"next\"", StringComparison.OrdinalIgnoreCase))
            {
                return value[(open + 1)..close];
            }
        }

        return null;
    }

    private static RegistryRequest ManifestRequest(HttpMethod method, OciReference reference) =>
        new(method, $"{method.Method} manifest", reference.Repository, $"/v2/{reference.Repository}/manifests/{reference.ManifestReference}")
        {
            Subject = reference.Digest is null ? ":" + reference.ManifestReference : "@" + reference.Digest,
            Accept = OciMediaTypes.ManifestAccept,
        };

    private static string? HeaderDigest(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault()?.Trim() : null;
}
