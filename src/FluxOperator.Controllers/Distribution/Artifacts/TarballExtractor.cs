using System.Formats.Tar;
using System.IO.Compression;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// Unpacks a gzip-compressed tarball into a new folder, refusing anything unsafe: absolute names, <c>..</c>
/// segments, back-slashes, links, devices, and more bytes or entries than the limits allow (judged from the
/// headers, before writing). Messages follow the Go operator's.
/// </summary>
public static class TarballExtractor
{
    /// <summary>Extracts <paramref name="compressed"/> into <paramref name="destination"/>, which must not exist or be empty.</summary>
    public static async Task<ExtractionSummary> ExtractAsync(Stream compressed, string destination, ExtractionLimits limits, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(destination);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new IOException($"extraction target {root} is not empty");
        }

        Directory.CreateDirectory(root);
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;

        var magic = new byte[2];
        var got = await compressed.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (got < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            throw new TarballException("requires gzip-compressed body: gzip: invalid header");
        }

        await using var gzip = new GZipStream(new PrefixedStream(magic, compressed), CompressionMode.Decompress, leaveOpen: true);
        var files = 0;
        var directories = 0;
        long total = 0;
        try
        {
            await using var reader = new TarReader(gzip, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var name = entry.Name;
                var target = ResolveTarget(rootWithSeparator, name);
                if (files + directories >= limits.MaxEntries)
                {
                    throw new TarballException($"tar has more than {limits.MaxEntries} entries");
                }

                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        directories++;
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        total += entry.Length;
                        if (entry.Length < 0 || total > limits.MaxTotalBytes)
                        {
                            throw new TarballException($"tar \"{name}\" is bigger than max archive size of {limits.MaxTotalBytes} bytes");
                        }

                        await WriteFileAsync(entry, target, cancellationToken).ConfigureAwait(false);
                        files++;
                        break;
                    case TarEntryType.SymbolicLink:
                        throw new TarballException($"tar file entry {name} is a symlink, which is not allowed in this context");
                    default:
                        throw new TarballException($"tar file entry {name} contained unsupported file type {entry.EntryType}");
                }
            }

            // Read the gzip trailer too: its CRC check and the caller's digest check need every byte.
            await gzip.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            throw new TarballException($"invalid tar.gz: {e.Message}", e);
        }
        catch (FormatException e)
        {
            throw new TarballException($"invalid tar header: {e.Message}", e);
        }

        return new ExtractionSummary(files, directories, total);
    }

    /// <summary>The absolute path an entry name maps to, or a <see cref="TarballException"/> when the name is unsafe.</summary>
    internal static string ResolveTarget(string rootWithSeparator, string name)
    {
        if (!IsSafeName(name))
        {
            throw new TarballException($"tar contained invalid name error \"{name}\"");
        }

        var full = Path.GetFullPath(Path.Combine(rootWithSeparator, name));
        // Belt and braces: after normalisation the target must still be inside the root (or be the root).
        if (!(full + Path.DirectorySeparatorChar).StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new TarballException($"tar contained invalid name error \"{name}\"");
        }

        return full;
    }

    /// <summary>Empty, absolute, back-slashed, NUL-carrying, drive-lettered and <c>..</c>-segmented names are unsafe.</summary>
    internal static bool IsSafeName(string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\\', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || (name.Length >= 2 && name[1] == ':'))
        {
            return false;
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment == "..")
            {
                return false;
            }
        }

        return true;
    }

    private static async Task WriteFileAsync(TarEntry entry, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Permissions from the tarball are ignored on purpose: no setuid or executable bits from a registry.
        var stream = new FileStream(target, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous });
        await using (stream.ConfigureAwait(false))
        {
            if (entry.DataStream is { } data)
            {
                await data.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
