using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// Pulls a Flux artifact into a folder: manifest, first layer streamed through digest verification into a safe
/// extraction in a sibling temporary folder, renamed into place only when the digest matched.
/// </summary>
public static class ArtifactPuller
{
    /// <summary>
    /// Pulls <paramref name="reference"/> into <paramref name="destination"/> (must not exist, or be empty).
    /// <paramref name="url"/> is the reference as the user wrote it, for messages (default: the reference).
    /// </summary>
    public static async Task<PulledArtifact> PullAsync(OciRegistryClient client, OciReference reference, string destination, ExtractionLimits limits, CancellationToken cancellationToken, IProgress<TransferProgress>? progress = null, string? url = null)
    {
        url ??= reference.ToUrl();
        ManifestResponse manifestResponse;
        try
        {
            manifestResponse = await client.GetManifestAsync(reference, cancellationToken).ConfigureAwait(false);
        }
        catch (OciException e)
        {
            throw new ArtifactException($"pulling artifact {url} failed: {e.Message}", e);
        }

        OciManifest manifest;
        try
        {
            manifest = manifestResponse.Parse();
        }
        catch (FormatException e)
        {
            throw new ArtifactException($"listing layers in artifact {url} failed: {e.Message}", e);
        }

        var summary = await PullLayerAsync(client, reference, url, manifest, destination, limits, progress, cancellationToken).ConfigureAwait(false);
        return new PulledArtifact(manifestResponse.Digest, manifest, Path.GetFullPath(destination), summary);
    }

    /// <summary>Extracts the manifest's first layer (the Flux content) into <paramref name="destination"/>.</summary>
    private static async Task<ExtractionSummary> PullLayerAsync(OciRegistryClient client, OciReference reference, string url, OciManifest manifest, string destination, ExtractionLimits limits, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (manifest.Layers.Count == 0)
        {
            throw new ArtifactException($"no layers found in artifact {url}");
        }

        // The first layer, whatever its media type (Flux's, or a plain OCI tar+gzip): it must be gzip then tar.
        var layer = manifest.Layers[0];
        var target = Path.GetFullPath(destination);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new ArtifactException($"extracting layer from artifact {url} failed: {target} is not empty");
        }

        var staging = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.pull-{Guid.NewGuid():N}");
        try
        {
            ExtractionSummary summary;
            var bytes = progress is null ? null : new SyncProgress<long>(n => progress.Report(new TransferProgress(layer.Digest, n, layer.Size)));
            var blob = await client.OpenBlobAsync(reference.Repository, layer, cancellationToken, bytes).ConfigureAwait(false);
            await using (blob.ConfigureAwait(false))
            {
                try
                {
                    summary = await TarballExtractor.ExtractAsync(blob, staging, limits, cancellationToken).ConfigureAwait(false);
                }
                catch (TarballException) when (layer.Size <= limits.MaxTotalBytes)
                {
                    // Corrupted bytes usually break the gzip or tar stream before the digest is known: read the
                    // (bounded) rest so a tampered blob is reported as the digest mismatch it is, not as a tar error.
                    await blob.VerifyAsync(cancellationToken).ConfigureAwait(false);
                    throw;
                }

                await blob.VerifyAsync(cancellationToken).ConfigureAwait(false);
            }

            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return summary;
        }
        catch (Exception e) when (e is OciException or TarballException or IOException)
        {
            throw new ArtifactException($"extracting layer from artifact {url} failed: {e.Message}", e);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
