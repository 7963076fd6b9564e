using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text.Json;

namespace FluxOperator.Packaging;

/// <summary>The bundle image built reproducibly from a bundle directory: same files, same digest, on any machine.</summary>
/// <remarks>
/// The image is what <c>bundle.Dockerfile</c> describes (FROM scratch, the three folders at the root,
/// the annotation labels) but assembled here, with fixed timestamps and owners and an uncompressed
/// layer, so the catalog can pin the bundle by a digest computed before anything is pushed.
/// </remarks>
public sealed class BundleImage
{
    /// <summary>OCI media type of the image manifest.</summary>
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    private const string ConfigMediaType = "application/vnd.oci.image.config.v1+json";
    private const string LayerMediaType = "application/vnd.oci.image.layer.v1.tar";
    private static readonly string[] ImageFolders = ["manifests", "metadata", "tests/scorecard"];

    private BundleImage(byte[] layer, byte[] config, byte[] manifest)
    {
        Layer = layer;
        Config = config;
        Manifest = manifest;
        Digest = DigestOf(manifest);
    }

    /// <summary>The single layer: an uncompressed tar of the bundle folders.</summary>
    public byte[] Layer { get; }

    /// <summary>The image configuration (labels, rootfs).</summary>
    public byte[] Config { get; }

    /// <summary>The OCI image manifest.</summary>
    public byte[] Manifest { get; }

    /// <summary>The image digest (<c>sha256:…</c> of the manifest), what the catalog references.</summary>
    public string Digest { get; }

    /// <summary>Assembles the image of the bundle directory (<c>manifests/</c>, <c>metadata/</c>, <c>tests/scorecard/</c>).</summary>
    public static BundleImage Build(string bundleDirectory)
    {
        var layer = Tar(bundleDirectory);
        var config = Json(w =>
        {
            w.WriteString("architecture", "amd64");
            w.WriteStartObject("config");
            w.WriteStartObject("Labels");
            foreach (var (key, value) in BundleMetadata.Annotations)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("os", "linux");
            w.WriteStartObject("rootfs");
            w.WriteStartArray("diff_ids");
            w.WriteStringValue(DigestOf(layer));
            w.WriteEndArray();
            w.WriteString("type", "layers");
            w.WriteEndObject();
        });
        var manifest = Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteString("mediaType", ManifestMediaType);
            Descriptor(w, "config", ConfigMediaType, config);
            w.WriteStartArray("layers");
            Descriptor(w, null, LayerMediaType, layer);
            w.WriteEndArray();
        });
        return new BundleImage(layer, config, manifest);
    }

    /// <summary>Writes an OCI image layout (<c>oci-layout</c>, <c>index.json</c>, <c>blobs/</c>) that registry tools can push.</summary>
    public void WriteLayout(string directory, string tag)
    {
        var blobs = Path.Combine(directory, "blobs", "sha256");
        Directory.CreateDirectory(blobs);
        foreach (var blob in new[] { Layer, Config, Manifest })
        {
            File.WriteAllBytes(Path.Combine(blobs, DigestOf(blob)["sha256:".Length..]), blob);
        }

        File.WriteAllBytes(Path.Combine(directory, "oci-layout"), Json(w => w.WriteString("imageLayoutVersion", "1.0.0")));
        File.WriteAllBytes(Path.Combine(directory, "index.json"), Json(w =>
        {
            w.WriteNumber("schemaVersion", 2);
            w.WriteStartArray("manifests");
            w.WriteStartObject();
            w.WriteString("mediaType", ManifestMediaType);
            w.WriteString("digest", Digest);
            w.WriteNumber("size", Manifest.Length);
            w.WriteStartObject("annotations");
            w.WriteString("org.opencontainers.image.ref.name", tag);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }));
    }

    /// <summary>The <c>sha256:&lt;hex&gt;</c> digest of some bytes.</summary>
    public static string DigestOf(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static byte[] Tar(string bundleDirectory)
    {
        var entries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in ImageFolders)
        {
            var root = Path.Combine(bundleDirectory, folder);
            if (!Directory.Exists(root))
            {
                throw new InvalidDataException($"{bundleDirectory}: no {folder}/ folder");
            }

            // Every parent folder gets its own entry, as docker's COPY produces.
            var parts = folder.Split('/');
            for (var i = 1; i <= parts.Length; i++)
            {
                entries.Add(string.Join('/', parts[..i]) + "/");
            }

            foreach (var path in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(bundleDirectory, path).Replace('\\', '/');
                entries.Add(Directory.Exists(path) ? relative + "/" : relative);
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new TarWriter(buffer, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var name in entries)
            {
                var isDirectory = name.EndsWith('/');
                var entry = new UstarTarEntry(isDirectory ? TarEntryType.Directory : TarEntryType.RegularFile, name)
                {
                    ModificationTime = DateTimeOffset.UnixEpoch,
                    Mode = isDirectory ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
                    Uid = 0,
                    Gid = 0,
                };
                if (!isDirectory)
                {
                    entry.DataStream = new MemoryStream(File.ReadAllBytes(Path.Combine(bundleDirectory, name)));
                }

                writer.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    private static void Descriptor(Utf8JsonWriter w, string? property, string mediaType, byte[] blob)
    {
        if (property is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(property);
        }

        w.WriteString("mediaType", mediaType);
        w.WriteString("digest", DigestOf(blob));
        w.WriteNumber("size", blob.Length);
        w.WriteEndObject();
    }

    private static byte[] Json(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
