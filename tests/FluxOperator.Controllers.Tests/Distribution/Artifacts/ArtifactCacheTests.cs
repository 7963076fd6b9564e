using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;

namespace FluxOperator.Controllers.Tests.Distribution.Artifacts;

public sealed class ArtifactCacheTests : IDisposable
{
    private const string LayerDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly string Digest = OciDigest.Compute("manifest"u8);
    private static readonly OciReference Reference = OciReference.Parse("oci://127.0.0.1:5000/flux-manifests:latest");
    private readonly string _root = Directory.CreateTempSubdirectory("cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, CancellationToken, Task<string>> Fill(string version = "v2.7.0") => async (target, ct) =>
    {
        Directory.CreateDirectory(Path.Combine(target, "flux", version));
        await File.WriteAllTextAsync(Path.Combine(target, "flux", version, "rbac.yaml"), "kind: ClusterRole\n", ct);
        return LayerDigest;
    };

    [Fact]
    public async Task Added_entry_is_served_by_digest()
    {
        var cache = new ArtifactCache(_root);

        var folder = await cache.AddAsync(Digest, Fill(), CancellationToken.None);

        Assert.Equal(folder, await cache.TryGetAsync(Digest, verifyContent: true, CancellationToken.None));
        Assert.True(File.Exists(Path.Combine(folder, "flux", "v2.7.0", "rbac.yaml")));
    }

    [Fact]
    public async Task Unknown_digest_is_a_miss()
    {
        Assert.Null(await new ArtifactCache(_root).TryGetAsync(Digest, verifyContent: true, CancellationToken.None));
    }

    public static TheoryData<string> Corruptions => ["changed-byte", "deleted-file", "extra-file", "missing-marker", "garbled-marker"];

    [Theory]
    [MemberData(nameof(Corruptions))]
    public async Task Corrupt_or_partial_entry_is_detected_and_removed(string corruption)
    {
        var cache = new ArtifactCache(_root);
        var folder = await cache.AddAsync(Digest, Fill(), CancellationToken.None);
        var file = Path.Combine(folder, "flux", "v2.7.0", "rbac.yaml");
        var marker = Path.Combine(Path.GetDirectoryName(folder)!, "complete.json");
        switch (corruption)
        {
            case "changed-byte": await File.WriteAllTextAsync(file, "kind: ClusterRolf\n"); break;
            case "deleted-file": File.Delete(file); break;
            case "extra-file": await File.WriteAllTextAsync(Path.Combine(folder, "intruder"), ""); break;
            case "missing-marker": File.Delete(marker); break;
            case "garbled-marker": await File.WriteAllTextAsync(marker, "{not json"); break;
        }

        Assert.Null(await cache.TryGetAsync(Digest, verifyContent: true, CancellationToken.None));
        Assert.False(Directory.Exists(Path.GetDirectoryName(folder)));
    }

    [Fact]
    public async Task Failed_fill_leaves_no_entry_and_no_staging_folder()
    {
        var cache = new ArtifactCache(_root);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.AddAsync(Digest, async (target, ct) =>
        {
            await Fill()(target, ct);
            throw new InvalidOperationException("digest mismatch");
        }, CancellationToken.None));

        Assert.Null(await cache.TryGetAsync(Digest, verifyContent: false, CancellationToken.None));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "tmp")));
    }

    [Fact]
    public async Task Refill_replaces_a_broken_leftover()
    {
        var cache = new ArtifactCache(_root);
        var folder = await cache.AddAsync(Digest, Fill("v2.6.0"), CancellationToken.None);
        File.Delete(Path.Combine(Path.GetDirectoryName(folder)!, "complete.json"));

        var again = await cache.AddAsync(Digest, Fill("v2.7.0"), CancellationToken.None);

        Assert.Equal(["v2.7.0"], Directory.GetDirectories(Path.Combine(again, "flux")).Select(Path.GetFileName));
    }

    [Fact]
    public void Last_digest_is_remembered_per_reference_tag()
    {
        var cache = new ArtifactCache(_root);

        cache.RecordDigest(Reference, Digest);

        Assert.Equal(Digest, new ArtifactCache(_root).LastDigest(Reference));
        Assert.Null(cache.LastDigest(Reference.WithTag("v1")));
    }

    [Fact]
    public async Task Prune_keeps_referenced_and_requested_entries()
    {
        var cache = new ArtifactCache(_root);
        var other = OciDigest.Compute("other"u8);
        var third = OciDigest.Compute("third"u8);
        await cache.AddAsync(Digest, Fill(), CancellationToken.None);
        await cache.AddAsync(other, Fill(), CancellationToken.None);
        await cache.AddAsync(third, Fill(), CancellationToken.None);
        cache.RecordDigest(Reference, Digest);

        cache.Prune([third]);

        Assert.NotNull(await cache.TryGetAsync(Digest, true, CancellationToken.None));
        Assert.Null(await cache.TryGetAsync(other, true, CancellationToken.None));
        Assert.NotNull(await cache.TryGetAsync(third, true, CancellationToken.None));
    }
}
