using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// Extracted artifacts on disk, keyed by manifest digest. An entry is filled in a temporary folder and renamed
/// into place (atomic on one filesystem); its completion marker carries a hash of the content, so a corrupt or
/// partial entry is detected, removed and fetched again. Remembers the last digest seen per reference.
/// </summary>
public sealed class ArtifactCache
{
    private const string MarkerFile = "complete.json";
    private const string ContentFolder = "content";
    private readonly string _root;

    /// <summary>A cache rooted at <paramref name="root"/> (created when missing).</summary>
    public ArtifactCache(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Combine(_root, "tmp"));
        Directory.CreateDirectory(Path.Combine(_root, "refs"));
    }

    /// <summary>The cache root.</summary>
    public string Root => _root;

    /// <summary>The content folder of a complete, intact entry; null (and the broken entry removed) otherwise.</summary>
    public async Task<string?> TryGetAsync(string digest, bool verifyContent, CancellationToken cancellationToken)
    {
        var entry = EntryPath(digest);
        if (!Directory.Exists(entry))
        {
            return null;
        }

        var content = Path.Combine(entry, ContentFolder);
        var marker = await ReadMarkerAsync(entry, cancellationToken).ConfigureAwait(false);
        if (marker is null || marker.Digest != digest || !Directory.Exists(content)
            || (verifyContent && await FolderHash.ComputeAsync(content, cancellationToken).ConfigureAwait(false) != marker.ContentHash))
        {
            Remove(entry);
            return null;
        }

        return content;
    }

    /// <summary>
    /// Fills the entry for <paramref name="digest"/>: <paramref name="fill"/> writes into an empty folder and returns
    /// the layer digest; the marker is written and the folder moved into place only when it succeeds.
    /// </summary>
    public async Task<string> AddAsync(string digest, Func<string, CancellationToken, Task<string>> fill, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(_root, "tmp", Guid.NewGuid().ToString("N"));
        var content = Path.Combine(staging, ContentFolder);
        Directory.CreateDirectory(staging);
        try
        {
            var layerDigest = await fill(content, cancellationToken).ConfigureAwait(false);
            var marker = new CacheEntryMarker
            {
                Digest = digest,
                LayerDigest = layerDigest,
                ContentHash = await FolderHash.ComputeAsync(content, cancellationToken).ConfigureAwait(false),
                Files = Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories).Count(),
            };
            await File.WriteAllBytesAsync(Path.Combine(staging, MarkerFile), JsonSerializer.SerializeToUtf8Bytes(marker, ArtifactJsonContext.Default.CacheEntryMarker), cancellationToken).ConfigureAwait(false);

            var entry = EntryPath(digest);
            if (Directory.Exists(entry))
            {
                // A leftover or a concurrent fill: content-addressed, so ours is as good; replace a broken one.
                Remove(entry);
            }

            Directory.Move(staging, entry);
            return Path.Combine(entry, ContentFolder);
        }
        catch
        {
            Remove(staging);
            throw;
        }
    }

    /// <summary>The last digest recorded for a reference (tag), or null.</summary>
    public string? LastDigest(OciReference reference)
    {
        var path = RefPath(reference);
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        return OciDigest.IsValid(text) ? text : null;
    }

    /// <summary>Records the digest a reference resolved to (write-then-rename, so readers never see half a file).</summary>
    public void RecordDigest(OciReference reference, string digest)
    {
        var path = RefPath(reference);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, digest);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Removes every entry except the given digests and the digests references point at; leftovers of crashed fills go too.</summary>
    public void Prune(IEnumerable<string> keep)
    {
        var kept = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (var refFile in Directory.EnumerateFiles(Path.Combine(_root, "refs")))
        {
            kept.Add(File.ReadAllText(refFile).Trim());
        }

        foreach (var entry in Directory.EnumerateDirectories(_root, "sha256-*"))
        {
            if (!kept.Contains(OciDigest.Sha256Prefix + Path.GetFileName(entry)["sha256-".Length..]))
            {
                Remove(entry);
            }
        }

        foreach (var staging in Directory.EnumerateDirectories(Path.Combine(_root, "tmp")))
        {
            Remove(staging);
        }
    }

    private string EntryPath(string digest) => Path.Combine(_root, "sha256-" + OciDigest.Hex(digest));

    private string RefPath(OciReference reference) =>
        Path.Combine(_root, "refs", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reference.Registry}/{reference.Repository}:{reference.Tag}"))));

    private static async Task<CacheEntryMarker?> ReadMarkerAsync(string entry, CancellationToken cancellationToken)
    {
        var path = Path.Combine(entry, MarkerFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), ArtifactJsonContext.Default.CacheEntryMarker);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Remove(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        // Rename first so a half-deleted entry is never mistaken for a live one.
        var doomed = Path.Combine(_root, "tmp", "rm-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(path, doomed);
        }
        catch (IOException)
        {
            doomed = path;
        }

        Directory.Delete(doomed, recursive: true);
    }
}
