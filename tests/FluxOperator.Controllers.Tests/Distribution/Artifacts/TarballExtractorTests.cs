using System.Formats.Tar;
using FluxOperator.Controllers.Distribution.Artifacts;

namespace FluxOperator.Controllers.Tests.Distribution.Artifacts;

public sealed class TarballExtractorTests : IDisposable
{
    private readonly string _sandbox = System.IO.Directory.CreateTempSubdirectory("extract-").FullName;

    private string Destination => Path.Combine(_sandbox, "a", "b", "dest");

    public void Dispose() => System.IO.Directory.Delete(_sandbox, recursive: true);

    public static TheoryData<string, string> Hostile => new()
    {
        { "dotdot", "tar contained invalid name error \"../../etc/x\"" },
        { "inner-dotdot", "tar contained invalid name error \"ok/../../../x\"" },
        { "absolute", "tar contained invalid name error \"/etc/x\"" },
        { "backslash", "tar contained invalid name error \"..\\x\"" },
        { "symlink-escape", "tar file entry evil is a symlink, which is not allowed in this context" },
        { "symlink-inside", "tar file entry flux/latest is a symlink, which is not allowed in this context" },
        { "hardlink", "tar file entry passwd contained unsupported file type HardLink" },
        { "char-device", "tar file entry tty contained unsupported file type CharacterDevice" },
        { "block-device", "tar file entry sda contained unsupported file type BlockDevice" },
        { "fifo", "tar file entry pipe contained unsupported file type Fifo" },
        { "ten-gigabytes", "tar \"huge.bin\" is bigger than max archive size of 104857600 bytes" },
        { "not-gzip", "requires gzip-compressed body: gzip: invalid header" },
    };

    private static byte[] Build(string kind) => kind switch
    {
        "dotdot" => Tarballs.With(Tarballs.File("../../etc/x")),
        "inner-dotdot" => Tarballs.With(Tarballs.File("ok/../../../x")),
        "absolute" => Tarballs.With(Tarballs.File("/etc/x")),
        "backslash" => Tarballs.With(Tarballs.File("..\\x")),
        "symlink-escape" => Tarballs.With(Tarballs.Link(TarEntryType.SymbolicLink, "evil", "../../.."), Tarballs.File("evil/x")),
        "symlink-inside" => Tarballs.With(Tarballs.File("flux/v2.7.0/a.yaml"), Tarballs.Link(TarEntryType.SymbolicLink, "flux/latest", "v2.7.0")),
        "hardlink" => Tarballs.With(Tarballs.Link(TarEntryType.HardLink, "passwd", "/etc/passwd")),
        "char-device" => Tarballs.With(new PaxTarEntry(TarEntryType.CharacterDevice, "tty") { DeviceMajor = 5, DeviceMinor = 0 }),
        "block-device" => Tarballs.With(new PaxTarEntry(TarEntryType.BlockDevice, "sda") { DeviceMajor = 8, DeviceMinor = 0 }),
        "fifo" => Tarballs.With(new PaxTarEntry(TarEntryType.Fifo, "pipe")),
        "ten-gigabytes" => Tarballs.DeclaredSize("huge.bin", 10L << 30),
        "not-gzip" => "plain text, not gzip"u8.ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_tarball_is_rejected_and_nothing_lands_outside_the_destination(string kind, string message)
    {
        var error = await Assert.ThrowsAsync<TarballException>(() => TarballExtractor.ExtractAsync(new MemoryStream(Build(kind)), Destination, new ExtractionLimits(), CancellationToken.None));

        Assert.Equal(message, error.Message);
        var outside = System.IO.Directory.EnumerateFileSystemEntries(_sandbox, "*", SearchOption.AllDirectories)
            .Where(p => !(p + "/").StartsWith(Destination + "/", StringComparison.Ordinal) && !Destination.StartsWith(p + "/", StringComparison.Ordinal));
        Assert.Empty(outside);
        Assert.DoesNotContain(System.IO.Directory.EnumerateFileSystemEntries(_sandbox, "*", SearchOption.AllDirectories), f => new FileInfo(f).LinkTarget is not null);
    }

    [Fact]
    public async Task Sum_of_declared_sizes_over_the_limit_is_rejected_before_the_entry_is_written()
    {
        var tarball = Tarballs.With(Tarballs.File("a", new string('a', 60)), Tarballs.File("b", new string('b', 60)));

        var error = await Assert.ThrowsAsync<TarballException>(() => TarballExtractor.ExtractAsync(new MemoryStream(tarball), Destination, new ExtractionLimits { MaxTotalBytes = 100 }, CancellationToken.None));

        Assert.Equal("tar \"b\" is bigger than max archive size of 100 bytes", error.Message);
        Assert.False(File.Exists(Path.Combine(Destination, "b")));
    }

    [Fact]
    public async Task Too_many_entries_are_rejected()
    {
        var tarball = Tarballs.With(Tarballs.File("1"), Tarballs.File("2"), Tarballs.File("3"), Tarballs.File("4"));

        var error = await Assert.ThrowsAsync<TarballException>(() => TarballExtractor.ExtractAsync(new MemoryStream(tarball), Destination, new ExtractionLimits { MaxEntries = 3 }, CancellationToken.None));

        Assert.Equal("tar has more than 3 entries", error.Message);
    }

    [Fact]
    public async Task Regular_files_and_directories_extract_with_dot_slash_prefixes_allowed()
    {
        var tarball = Tarballs.With(Tarballs.Directory("flux/"), Tarballs.File("./flux/v2.7.0/source-controller.yaml", "kind: Deployment\n"), Tarballs.File("flux-images/VERSION", "v2.7.0\n"));

        var summary = await TarballExtractor.ExtractAsync(new MemoryStream(tarball), Destination, new ExtractionLimits(), CancellationToken.None);

        Assert.Equal((2, 1), (summary.Files, summary.Directories));
        Assert.Equal("kind: Deployment\n", await File.ReadAllTextAsync(Path.Combine(Destination, "flux", "v2.7.0", "source-controller.yaml")));
        Assert.Equal("v2.7.0\n", await File.ReadAllTextAsync(Path.Combine(Destination, "flux-images", "VERSION")));
    }

    [Fact]
    public async Task Truncated_gzip_is_reported_as_invalid()
    {
        var tarball = Tarballs.With(Tarballs.File("a", new string('a', 5000)));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => TarballExtractor.ExtractAsync(new MemoryStream(tarball[..(tarball.Length / 2)]), Destination, new ExtractionLimits(), CancellationToken.None));

        Assert.True(error is TarballException or EndOfStreamException, error.GetType().Name + ": " + error.Message);
    }

    [Fact]
    public async Task Non_empty_destination_is_refused()
    {
        System.IO.Directory.CreateDirectory(Destination);
        await File.WriteAllTextAsync(Path.Combine(Destination, "keep"), "");

        await Assert.ThrowsAsync<IOException>(() => TarballExtractor.ExtractAsync(new MemoryStream(Tarballs.With(Tarballs.File("a"))), Destination, new ExtractionLimits(), CancellationToken.None));
    }

    [Theory]
    [InlineData("flux/v2.7.0/a.yaml", true)]
    [InlineData("./a", true)]
    [InlineData("a..b/c", true)]
    [InlineData("", false)]
    [InlineData("..", false)]
    [InlineData("a/..", false)]
    [InlineData("C:/x", false)]
    [InlineData("a\0b", false)]
    public void Name_safety(string name, bool safe) => Assert.Equal(safe, TarballExtractor.IsSafeName(name));
}
