using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Watch streams.</summary>
public sealed class WatchConformanceTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task A_watch_without_resource_version_starts_with_added_events_then_streams_changes()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await api.Post(ConfigMaps, """{"metadata":{"name":"b"}}""");
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1");
        var first = await watch.NextChange();
        var second = await watch.NextChange();
        Assert.Equal(("ADDED", "a"), (first!["type"]!.ToString(), first["object"]!["metadata"]!["name"]!.ToString()));
        Assert.Equal(("ADDED", "b"), (second!["type"]!.ToString(), second["object"]!["metadata"]!["name"]!.ToString()));
        await api.Post(ConfigMaps, """{"metadata":{"name":"c"}}""");
        var live = await watch.NextChange();
        Assert.Equal(("ADDED", "c"), (live!["type"]!.ToString(), live["object"]!["metadata"]!["name"]!.ToString()));
    }

    [Fact]
    public async Task A_watch_from_a_resource_version_replays_only_later_events_in_order()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, created) = await api.Post(ConfigMaps, """{"metadata":{"name":"a"},"data":{"k":"1"}}""");
        var rv = created!["metadata"]!["resourceVersion"]!.ToString();
        await api.Merge($"{ConfigMaps}/a", """{"data":{"k":"2"}}""");
        await api.Delete($"{ConfigMaps}/a");
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&resourceVersion={rv}");
        var modified = await watch.NextChange();
        var deleted = await watch.NextChange();
        Assert.Equal("MODIFIED", modified!["type"]!.ToString());
        Assert.Equal("2", modified["object"]!["data"]!["k"]!.ToString());
        Assert.Equal("DELETED", deleted!["type"]!.ToString());
        Assert.True(long.Parse(deleted["object"]!["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >
                    long.Parse(modified["object"]!["metadata"]!["resourceVersion"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resource_version_gets_one_expired_error()
    {
        var (server, api) = await Emulator.Start(options: new KubeApiServerOptions { WatchWindow = 3 });
        await using var _ = server;
        for (var i = 0; i < 6; i++)
        {
            await api.Post(ConfigMaps, "{\"metadata\":{\"name\":\"c" + i + "\"}}");
        }

        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&resourceVersion=1");
        var error = await watch.Next();
        Assert.Equal("ERROR", error!["type"]!.ToString());
        Assert.Equal(410, error["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", error["object"]!["reason"]!.ToString());
        Assert.Null(await watch.Next());
    }

    [Fact]
    public async Task An_idle_watch_with_bookmarks_receives_the_current_resource_version()
    {
        var (server, api) = await Emulator.Start(options: new KubeApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&allowWatchBookmarks=true&resourceVersion={server.ResourceVersion}");
        var bookmark = await watch.Next();
        Assert.Equal("BOOKMARK", bookmark!["type"]!.ToString());
        Assert.Equal(server.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), bookmark["object"]!["metadata"]!["resourceVersion"]!.ToString());
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.ToString());
    }

    [Fact]
    public async Task A_watch_closes_after_timeout_seconds()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&timeoutSeconds=1&resourceVersion={server.ResourceVersion}");
        // No event ever arrives; the server ends the stream on its own (the reader would throw on its 10 s limit otherwise).
        Assert.Null(await watch.Next(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_label_selected_watch_sees_an_object_leave_the_selection_as_deleted()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a","labels":{"app":"x"}}}""");
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&labelSelector=app%3Dx");
        Assert.Equal("ADDED", (await watch.NextChange())!["type"]!.ToString());
        await api.Merge($"{ConfigMaps}/a", """{"metadata":{"labels":{"app":"y"}}}""");
        Assert.Equal("DELETED", (await watch.NextChange())!["type"]!.ToString());
    }

    [Fact]
    public async Task Initial_events_end_with_an_annotated_bookmark()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a"}}""");
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan");
        Assert.Equal("ADDED", (await watch.Next())!["type"]!.ToString());
        var bookmark = await watch.Next();
        Assert.Equal("BOOKMARK", bookmark!["type"]!.ToString());
        Assert.Equal("true", bookmark["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.ToString());
    }

    [Fact]
    public async Task Closing_watches_ends_open_streams()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&resourceVersion={server.ResourceVersion}");
        server.CloseWatches();
        Assert.Null(await watch.Next());
    }
}
