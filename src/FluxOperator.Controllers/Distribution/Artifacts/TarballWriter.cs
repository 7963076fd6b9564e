using System.Formats.Tar;
using System.IO.Compression;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>
/// Packs a folder into a reproducible tar.gz: entries sorted by path, fixed modification time, owner 0:0 and
/// fixed modes, so the same folder always yields the same bytes (and the same layer digest).
/// </summary>
public static class TarballWriter
{
    /// <summary>The modification time every entry gets (the Unix epoch).</summary>
    public static readonly DateTimeOffset FixedTime = DateTimeOffset.UnixEpoch;

    /// <summary>Writes the tarball of <paramref name="folder"/>'s contents (paths relative to it) to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(string folder, Stream output, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"folder {root} does not exist");
        }

        var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
        await using (gzip.ConfigureAwait(false))
        {
            var writer = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
            await using (writer.ConfigureAwait(false))
            {
                foreach (var (relative, isDirectory) in Entries(root))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (isDirectory)
                    {
                        await writer.WriteEntryAsync(Entry(TarEntryType.Directory, relative + "/", DirectoryMode), cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var data = File.OpenRead(Path.Combine(root, relative));
                    await using (data.ConfigureAwait(false))
                    {
                        var entry = Entry(TarEntryType.RegularFile, relative, FileMode);
                        entry.DataStream = data;
                        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }
    }

    /// <summary>Every directory and file below <paramref name="root"/>, relative with '/', ordinal order; links are refused.</summary>
    internal static IEnumerable<(string Relative, bool IsDirectory)> Entries(string root)
    {
        var entries = new List<(string, bool)>();
        foreach (var info in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            if (info.LinkTarget is not null)
            {
                throw new IOException($"{info.FullName} is a symbolic link; artifacts carry regular files and folders only");
            }

            entries.Add((Path.GetRelativePath(root, info.FullName).Replace(Path.DirectorySeparatorChar, '/'), info is DirectoryInfo));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Item1, b.Item1));
        return entries;
    }

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private static PaxTarEntry Entry(TarEntryType type, string name, UnixFileMode mode) =>
        new(type, name)
        {
            ModificationTime = FixedTime,
            Mode = mode,
            Uid = 0,
            Gid = 0,
            UserName = "",
            GroupName = "",
        };
}
