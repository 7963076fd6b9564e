using System.Net;

namespace FluxOperator.Controllers.Distribution.Oci;

// Blobs: verified download, existence check, monolithic upload.
public sealed partial class OciRegistryClient
{
    /// <summary>
    /// Opens a blob for streaming. The returned stream checks size and SHA-256 as it is read; call
    /// <see cref="VerifyingBlobStream.VerifyAsync"/> before trusting anything derived from it.
    /// </summary>
    public async Task<VerifyingBlobStream> OpenBlobAsync(string repository, OciDescriptor blob, CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        if (!OciDigest.IsValid(blob.Digest))
        {
            throw new OciException(OciFailure.InvalidResponse, "GET blob", Registry, repository, "@" + blob.Digest, "blob digest is not a sha256 digest");
        }

        var request = new RegistryRequest(HttpMethod.Get, "GET blob", repository, $"/v2/{repository}/blobs/{blob.Digest}") { Subject = "@" + blob.Digest, Streaming = true };
        var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.Content.Headers.ContentLength is { } length && length != blob.Size)
            {
                throw new OciException(OciFailure.DigestMismatch, request.Step, Registry, repository, request.Subject, $"size mismatch: manifest declares {blob.Size} bytes, registry sends {length}");
            }

            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new VerifyingBlobStream(body, response, blob.Digest, blob.Size, detail => new OciException(OciFailure.DigestMismatch, request.Step, Registry, repository, request.Subject, detail), progress);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>HEAD the blob: true when the repository already has it (pushes skip it then).</summary>
    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken)
    {
        var request = new RegistryRequest(HttpMethod.Head, "HEAD blob", repository, $"/v2/{repository}/blobs/{digest}")
        {
            Subject = "@" + digest,
            Actions = "pull,push",
            Tolerated = [HttpStatusCode.NotFound],
        };
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// Uploads a blob unless present: <c>POST /blobs/uploads/</c> then one monolithic <c>PUT ?digest=</c>.
    /// <paramref name="open"/> opens the content afresh; the upload is restarted from POST on a transient failure.
    /// </summary>
    public async Task<bool> PushBlobAsync(string repository, string digest, long size, Func<Stream> open, CancellationToken cancellationToken, IProgress<long>? progress = null)
    {
        if (await BlobExistsAsync(repository, digest, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(size);
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await UploadOnceAsync(repository, digest, size, open, progress, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (OciException e) when (e.IsUnavailable && attempt < _options.MaxAttempts)
            {
                await Task.Delay(RetryDelay(attempt, null), _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task UploadOnceAsync(string repository, string digest, long size, Func<Stream> open, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var start = new RegistryRequest(HttpMethod.Post, "POST blob upload", repository, $"/v2/{repository}/blobs/uploads/") { Subject = "@" + digest, Actions = "pull,push" };
        string location;
        using (var response = await SendAsync(start, cancellationToken).ConfigureAwait(false))
        {
            location = response.Headers.Location?.ToString()
                ?? throw new OciException(OciFailure.InvalidResponse, start.Step, Registry, repository, start.Subject, "upload started without a Location header");
        }

        if (_options.UploadChunkSize > 0 && size > _options.UploadChunkSize)
        {
            location = await UploadChunksAsync(repository, digest, location, size, open, progress, cancellationToken).ConfigureAwait(false);
            size = 0;
            open = () => Stream.Null;
        }

        var target = WithDigest(location, digest);
        var put = new RegistryRequest(HttpMethod.Put, "PUT blob", repository, target)
        {
            Subject = "@" + digest,
            Actions = "pull,push",
            Retry = false,
            Timed = false,
            Content = () =>
            {
                var content = new StreamContent(new ProgressReadStream(open(), progress));
                content.Headers.ContentType = new("application/octet-stream");
                content.Headers.ContentLength = size;
                return content;
            },
        };
        using var done = await SendAsync(put, cancellationToken).ConfigureAwait(false);
    }

    // PATCH the content in chunks (Content-Range start-end); each answer names where the next chunk goes.
    private async Task<string> UploadChunksAsync(string repository, string digest, string location, long size, Func<Stream> open, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(_options.UploadChunkSize, size)];
        var source = open();
        await using (source.ConfigureAwait(false))
        {
            long offset = 0;
            while (offset < size)
            {
                var length = await source.ReadAtLeastAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, size - offset)), (int)Math.Min(buffer.Length, size - offset), throwOnEndOfStream: true, cancellationToken).ConfigureAwait(false);
                var (start, chunk) = (offset, new ReadOnlyMemory<byte>(buffer, 0, length));
                var patch = new RegistryRequest(HttpMethod.Patch, "PATCH blob chunk", repository, location)
                {
                    Subject = "@" + digest,
                    Actions = "pull,push",
                    Retry = false,
                    Timed = false,
                    Content = () =>
                    {
                        var content = new ReadOnlyMemoryContent(chunk);
                        content.Headers.ContentType = new("application/octet-stream");
                        content.Headers.TryAddWithoutValidation("Content-Range", $"{start}-{start + chunk.Length - 1}");
                        return content;
                    },
                };
                using (var response = await SendAsync(patch, cancellationToken).ConfigureAwait(false))
                {
                    location = response.Headers.Location?.ToString() ?? location;
                }

                offset += length;
                progress?.Report(offset);
            }
        }

        return location;
    }

    private static string WithDigest(string location, string digest) =>
        location + (location.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
}
