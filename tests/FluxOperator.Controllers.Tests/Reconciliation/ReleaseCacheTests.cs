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
    public void Releases_of_a_distribution_no_longer_in_use_are_released()
    {
        var cache = new ReleaseCache();
        var release = cache.Load(Release("v2.7.0"));

        cache.Retain(SharedData.DistributionRoot);
        Assert.Equal(1, cache.Count);

        cache.Retain(Path.Combine(Path.GetTempPath(), "another-artifact"));
        Assert.Equal(0, cache.Count);
        Assert.NotSame(release, cache.Load(Release("v2.7.0")));
    }
}
