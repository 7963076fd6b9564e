using System.Formats.Tar;
using System.IO.Compression;
using FluxOperator.Controllers.Distribution.Artifacts;

namespace FluxOperator.Controllers.Tests.Distribution.Artifacts;

public sealed class TarballWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("writer-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string MakeFolder(string name)
    {
        var folder = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.Combine(folder, "flux", "v2.7.0"));
        Directory.CreateDirectory(Path.Combine(folder, "flux-images", "v2.7.0"));
        Directory.CreateDirectory(Path.Combine(folder, "empty"));
        File.WriteAllText(Path.Combine(folder, "flux", "v2.7.0", "source-controller.yaml"), "kind: Deployment\n");
        File.WriteAllText(Path.Combine(folder, "flux", "v2.7.0", "helm-controller.yaml"), "kind: Deployment\n");
        File.WriteAllText(Path.Combine(folder, "flux-images", "v2.7.0", "upstream-alpine.yaml"), "images: []\n");
        File.WriteAllText(Path.Combine(folder, "flux-images", "VERSION"), "v2.7.0\n");
        return folder;
    }

    private static async Task<byte[]> Pack(string folder)
    {
        using var output = new MemoryStream();
        await TarballWriter.WriteAsync(folder, output, CancellationToken.None);
        return output.ToArray();
    }

    [Fact]
    public async Task Same_content_gives_the_same_bytes_whatever_the_file_times_and_folder_name()
    {
        var first = MakeFolder("one");
        var second = MakeFolder("two");
        File.SetLastWriteTimeUtc(Path.Combine(second, "flux-images", "VERSION"), new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(Path.Combine(second, "flux"), new DateTime(2011, 2, 3, 4, 5, 6, DateTimeKind.Utc));

        Assert.Equal(await Pack(first), await Pack(second));
    }

    [Fact]
    public async Task Changed_content_changes_the_bytes()
    {
        var folder = MakeFolder("one");
        var before = await Pack(folder);
        File.AppendAllText(Path.Combine(folder, "flux-images", "VERSION"), "#");

        Assert.NotEqual(before, await Pack(folder));
    }

    [Fact]
    public async Task Entries_are_sorted_relative_with_fixed_owner_mode_and_time()
    {
        var bytes = await Pack(MakeFolder("one"));
        var entries = new List<TarEntry>();
        await using (var reader = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                entries.Add(entry);
            }
        }

        var names = entries.Select(e => e.Name).ToArray();
        Assert.Equal(names.OrderBy(n => n.TrimEnd('/'), StringComparer.Ordinal), names);
        Assert.Contains("empty/", names);
        Assert.Contains("flux/v2.7.0/source-controller.yaml", names);
        Assert.All(entries, e => Assert.Equal((0, 0, TarballWriter.FixedTime), (e.Uid, e.Gid, e.ModificationTime)));
        Assert.All(entries.Where(e => e.EntryType == TarEntryType.RegularFile), e => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, e.Mode));
    }

    [Fact]
    public async Task Written_tarball_extracts_back_to_identical_files()
    {
        var folder = MakeFolder("one");
        var target = Path.Combine(_root, "out");

        await TarballExtractor.ExtractAsync(new MemoryStream(await Pack(folder)), target, new ExtractionLimits(), CancellationToken.None);

        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(target, Path.GetRelativePath(folder, file))));
        }

        Assert.True(Directory.Exists(Path.Combine(target, "empty")));
    }

    [Fact]
    public async Task Symbolic_links_in_the_folder_are_refused()
    {
        var folder = MakeFolder("one");
        File.CreateSymbolicLink(Path.Combine(folder, "link"), "/etc/passwd");

        var error = await Assert.ThrowsAsync<IOException>(() => Pack(folder));

        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
    }
}
