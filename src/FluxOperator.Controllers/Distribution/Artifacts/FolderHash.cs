using System.Security.Cryptography;
using System.Text;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>A SHA-256 over a folder's tree (sorted paths, sizes, file hashes): detects a corrupt or partial cache entry.</summary>
public static class FolderHash
{
    /// <summary>Hashes the tree below <paramref name="folder"/>; returns <c>sha256:…</c>.</summary>
    public static async Task<string> ComputeAsync(string folder, CancellationToken cancellationToken)
    {
        using var tree = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (relative, isDirectory) in TarballWriter.Entries(folder))
        {
            if (isDirectory)
            {
                tree.AppendData(Encoding.UTF8.GetBytes($"D {relative}\n"));
                continue;
            }

            var path = Path.Combine(folder, relative);
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await using (stream.ConfigureAwait(false))
            {
                var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                tree.AppendData(Encoding.UTF8.GetBytes($"F {relative} {stream.Length} {Convert.ToHexStringLower(hash)}\n"));
            }
        }

        return Oci.OciDigest.Format(tree.GetHashAndReset());
    }
}
