using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Runtime;

public sealed class InformerTests : EmulatorRun
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    private static readonly InformerOptions Fast = new()
    {
        Namespace = "default",
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
    };

    private readonly ConcurrentQueue<(InformerEventType Type, string Name, string? Value)> _events = new();

    private async Task<Informer> StartAsync(InformerOptions? options = null)
    {
        var informer = new Informer(Client, ConfigMaps, options ?? Fast);
        informer.Subscribe(e => _events.Enqueue((e.Type, ObjectMeta.Name(e.Object), e.Object["data"]?["key"]?.GetValue<string>())));
        Running = informer.RunAsync(Stopping);
        await informer.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return informer;
    }

    private static JsonObject ConfigMap(string name, string value, string? app = "demo")
    {
        var labels = app is null ? new JsonObject() : new JsonObject { ["app"] = app };
        return new()
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = labels },
            ["data"] = new JsonObject { ["key"] = value },
        };
    }

    private Task Apply(string name, string value) =>
        Client.ApplyAsync(ConfigMaps, ConfigMap(name, value), new ApplyOptions("test"), default);

    private bool Saw(InformerEventType type, string name, string? value = null) =>
        _events.Any(e => e.Type == type && e.Name == name && (value is null || e.Value == value));

    [Fact]
    public async Task Informer_lists_existing_objects_then_sees_add_update_and_delete()
    {
        Api.Seed(ConfigMap("existing", "1"));
        var informer = await StartAsync();
        Assert.True(informer.HasSynced);
        Assert.NotNull(informer.Cache.Get("default", "existing"));
        Assert.True(Saw(InformerEventType.Added, "existing"));

        await Apply("new", "1");
        await Eventually.True(() => Saw(InformerEventType.Added, "new", "1"), "the add is seen");
        await Apply("new", "2");
        await Eventually.True(() => Saw(InformerEventType.Updated, "new", "2"), "the update is seen");
        Assert.Equal("2", informer.Cache.Get("default", "new")!["data"]!["key"]!.GetValue<string>());
        await Client.DeleteAsync(ConfigMaps, "default", "new", null, default);
        await Eventually.True(() => Saw(InformerEventType.Deleted, "new"), "the delete is seen");

        Assert.Null(informer.Cache.Get("default", "new"));
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Dropped_watch_resumes_from_the_last_resource_version_without_a_relist()
    {
        var informer = await StartAsync();
        await Apply("before", "1");
        await Eventually.True(() => Saw(InformerEventType.Added, "before"), "the first add is seen");

        Api.CloseWatches();
        await Apply("after", "1");

        await Eventually.True(() => Saw(InformerEventType.Added, "after"), "the add after the drop is seen");
        Assert.Equal(1, informer.ListCount);
        Assert.Single(_events, e => e.Name == "before");
        var resumed = Api.Requests.Records.Where(r => r.Verb == "watch").Skip(1).ToArray();
        Assert.NotEmpty(resumed);
        Assert.All(resumed, r => Assert.Contains("resourceVersion=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expired_resource_version_relists_and_reports_what_changed_while_disconnected()
    {
        Api.Seed(ConfigMap("kept", "1"), ConfigMap("changed", "1"), ConfigMap("removed", "1"));
        var informer = await StartAsync();

        // Keep the informer disconnected while the world changes and the watch history is dropped.
        Api.Faults.FailNext("watch", "/configmaps$", 100_000, 503);
        Api.CloseWatches();
        await Apply("changed", "2");
        await Apply("created", "1");
        await Client.DeleteAsync(ConfigMaps, "default", "removed", null, default);
        Api.Compact();
        Api.Faults.Reset();

        await Eventually.True(() => informer.ListCount == 2, "the informer listed again after 410");
        await Eventually.True(() => Saw(InformerEventType.Deleted, "removed"), "the delete during the gap is reported");
        Assert.True(Saw(InformerEventType.Added, "created", "1"));
        Assert.True(Saw(InformerEventType.Updated, "changed", "2"));
        Assert.DoesNotContain(_events, e => e.Name == "kept" && e.Type != InformerEventType.Added);
        Assert.Equal(["changed", "created", "kept"], informer.Cache.List().Select(ObjectMeta.Name));

        await Apply("later", "1");
        await Eventually.True(() => Saw(InformerEventType.Added, "later"), "watching goes on after the relist");
    }

    [Fact]
    public async Task Failing_list_is_retried_until_the_first_sync()
    {
        Api.Seed(ConfigMap("a", "1"));
        Api.Faults.FailNext("list", "/configmaps$", 3, 500);

        var informer = await StartAsync();

        Assert.Equal(1, informer.Cache.Count);
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task Label_selector_limits_what_the_informer_sees()
    {
        Api.Seed(ConfigMap("mine", "1"), ConfigMap("other", "1", app: "other"));
        var informer = await StartAsync(Fast with { LabelSelector = "app=demo" });

        await Client.ApplyAsync(ConfigMaps, ConfigMap("other-2", "1", app: "other"), new ApplyOptions("test"), default);
        await Apply("mine-2", "1");
        await Eventually.True(() => Saw(InformerEventType.Added, "mine-2"), "the matching add is seen");

        Assert.Equal(["mine", "mine-2"], informer.Cache.List().Select(ObjectMeta.Name));
        Assert.DoesNotContain(_events, e => e.Name.StartsWith("other", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Initial_list_is_paginated()
    {
        for (var i = 0; i < 5; i++)
        {
            Api.Seed(ConfigMap($"cm-{i}", "1"));
        }

        var informer = await StartAsync(Fast with { PageSize = 2 });

        Assert.Equal(5, informer.Cache.Count);
        var lists = Api.Requests.Records.Where(r => r.Verb == "list").ToArray();
        Assert.Equal(3, lists.Length);
        Assert.All(lists, r => Assert.Contains("limit=2", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Late_subscriber_gets_the_cached_objects_replayed_as_adds()
    {
        Api.Seed(ConfigMap("a", "1"), ConfigMap("b", "1"));
        var informer = await StartAsync();
        var late = new List<string>();

        using var subscription = informer.Subscribe(e => late.Add($"{e.Type} {e.Key}"));

        Assert.Equal(["Added default/a", "Added default/b"], late.Order(StringComparer.Ordinal));
    }
}
