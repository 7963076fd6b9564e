using FluxOperator.Controllers.Reconciliation.Phases;
using FluxOperator.Controllers.Tests.TestSupport;

namespace FluxOperator.Controllers.Tests.Reconciliation;

public sealed class ReleaseCacheTests
{
    private static string Release(string version) => Path.Combine(SharedData.DistributionRoot, "flux", version);

    [Fact]
    public void A_release_is_parsed_once_and_served_from_memory_after()
    {
        var cache = new ReleaseCache();

        var first = cache.Load(Release("v2.7.0"));

        Assert.Same(first, cache.Load(Release("v2.7.0")));
    }

    [Fact]
    public void Upgrades_through_many_releases_keep_no_more_than_the_capacity_and_drop_the_least_recently_used()
    {
        var cache = new ReleaseCache();
        var kept = cache.Load(Release("v2.6.0"));
        var dropped = cache.Load(Release("v2.7.0"));
        cache.Load(Release("v2.6.0")); // used again: now the most recent

        cache.Load(Release("v2.8.0"));

        Assert.Equal(ReleaseCache.Capacity, cache.Count);
        Assert.Same(kept, cache.Load(Release("v2.6.0")));
        Assert.NotSame(dropped, cache.Load(Release("v2.7.0")));
    }

    [Fact]
    public void Releases_of_other_distributions_stay_while_their_directories_exist()
    {
        var cache = new ReleaseCache();
        var copy = CopyRelease("v2.7.0");
        try
        {
            var held = cache.Load(copy); // e.g. the installed artifact a held upgrade rebuilds from
            var candidate = cache.Load(Release("v2.8.0"));

            cache.ForgetRemoved();

            Assert.Same(held, cache.Load(copy));
            Assert.Same(candidate, cache.Load(Release("v2.8.0")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        }
    }

    [Fact]
    public void A_release_whose_directory_was_removed_is_released()
    {
        var cache = new ReleaseCache();
        var copy = CopyRelease("v2.7.0");
        cache.Load(copy);
        cache.Load(Release("v2.8.0"));

        Directory.Delete(Path.GetDirectoryName(copy)!, recursive: true);
        cache.ForgetRemoved();

        Assert.Equal(1, cache.Count);
    }

    // A release directory in a temporary folder, standing in for an extracted artifact the cache may delete.
    private static string CopyRelease(string version)
    {
        var target = Path.Combine(Path.GetTempPath(), "release-cache-" + Guid.NewGuid().ToString("N"), version);
        var source = Release(version);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
