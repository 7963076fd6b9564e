using System.Security.Cryptography;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// Publishes a folder as a Flux artifact (the air-gapped mirroring story): reproducible tar.gz layer, empty
/// Flux config, OCI manifest with annotations, pushed blob by blob then the manifest under the tag.
/// </summary>
public static class ArtifactPublisher
{
    /// <summary>Pushes <paramref name="folder"/> to <paramref name="reference"/>; the layer is staged in a temporary file.</summary>
    public static async Task<PushedArtifact> PushAsync(OciRegistryClient client, string folder, OciReference reference, ArtifactAnnotations annotations, CancellationToken cancellationToken, IProgress<TransferProgress>? progress = null)
    {
        var layerFile = Path.Combine(Path.GetTempPath(), $"flux-artifact-{Guid.NewGuid():N}.tar.gz");
        try
        {
            var output = new FileStream(layerFile, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (output.ConfigureAwait(false))
            {
                await TarballWriter.WriteAsync(folder, output, cancellationToken).ConfigureAwait(false);
            }

            var (layerDigest, layerSize) = await DigestFileAsync(layerFile, cancellationToken).ConfigureAwait(false);
            var config = FluxArtifactFormat.EmptyConfig;
            var configDigest = OciDigest.Compute(config.Span);
            var manifest = new OciManifest
            {
                Config = new OciDescriptor { MediaType = FluxArtifactFormat.ConfigMediaType, Digest = configDigest, Size = config.Length },
                Layers = [new OciDescriptor { MediaType = FluxArtifactFormat.ContentMediaType, Digest = layerDigest, Size = layerSize }],
                Annotations = annotations.ToDictionary(),
            };

            try
            {
                await client.PushBlobAsync(reference.Repository, configDigest, config.Length, () => new MemoryStream(config.ToArray(), writable: false), cancellationToken).ConfigureAwait(false);
                var bytes = progress is null ? null : new SyncProgress<long>(n => progress.Report(new TransferProgress(layerDigest, n, layerSize)));
                await client.PushBlobAsync(reference.Repository, layerDigest, layerSize, () => File.OpenRead(layerFile), cancellationToken, bytes).ConfigureAwait(false);
                var digest = await client.PushManifestAsync(reference, manifest.ToBytes(), OciMediaTypes.ImageManifest, cancellationToken).ConfigureAwait(false);
                return new PushedArtifact(digest, layerDigest, layerSize);
            }
            catch (OciException e)
            {
                throw new ArtifactException($"pushing artifact {reference.ToUrl()} failed: {e.Message}", e);
            }
        }
        finally
        {
            File.Delete(layerFile);
        }
    }

    private static async Task<(string Digest, long Size)> DigestFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return (OciDigest.Format(hash), stream.Length);
        }
    }
}
