using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Label and field selectors, limit and continue.</summary>
public sealed class ListConformanceTests
{
    [Theory]
    [InlineData("tier%3Dweb", new[] { "a", "c" })]
    [InlineData("tier%3D%3Dweb", new[] { "a", "c" })]
    [InlineData("tier!%3Dweb", new[] { "b", "d", "e" })]
    [InlineData("tier%20in%20(web,db),!legacy", new[] { "a", "b" })]
    [InlineData("tier%20notin%20(web)", new[] { "b", "d", "e" })]
    [InlineData("legacy", new[] { "c" })]
    [InlineData("tier,!legacy", new[] { "a", "b", "d" })]
    public async Task Label_selectors_filter_items(string selector, string[] expected)
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await SeedWidgets(api);
        var (code, body) = await api.Get($"{Manifests.Widgets()}?labelSelector={selector}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(expected, Names(body!));
    }

    [Fact]
    public async Task A_field_selector_on_the_name_returns_one_item()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await SeedWidgets(api);
        var (_, body) = await api.Get($"{Manifests.Widgets()}?fieldSelector=metadata.name%3Db");
        Assert.Equal(["b"], Names(body!));
        var (_, negated) = await api.Get($"{Manifests.Widgets()}?fieldSelector=metadata.name!%3Db");
        Assert.Equal(["a", "c", "d", "e"], Names(negated!));
    }

    [Fact]
    public async Task Limit_and_continue_page_through_every_item_once()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await SeedWidgets(api);
        var (_, first) = await api.Get($"{Manifests.Widgets()}?limit=2");
        Assert.Equal(["a", "b"], Names(first!));
        Assert.Equal("WidgetList", first!["kind"]!.ToString());
        var token = first["metadata"]!["continue"]!.ToString();
        var (_, second) = await api.Get($"{Manifests.Widgets()}?limit=2&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(["c", "d"], Names(second!));
        var (_, third) = await api.Get($"{Manifests.Widgets()}?limit=2&continue={Uri.EscapeDataString(second!["metadata"]!["continue"]!.ToString())}");
        Assert.Equal(["e"], Names(third!));
        Assert.Null(third!["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_continue_token_from_before_compaction_is_expired()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await SeedWidgets(api);
        var (_, first) = await api.Get($"{Manifests.Widgets()}?limit=2");
        server.Compact();
        var (code, body) = await api.Get($"{Manifests.Widgets()}?limit=2&continue={Uri.EscapeDataString(first!["metadata"]!["continue"]!.ToString())}");
        Assert.Equal(HttpStatusCode.Gone, code);
        Assert.Equal("Expired", body!["reason"]!.ToString());
    }

    [Fact]
    public async Task Listing_across_namespaces_returns_items_from_each()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post("/api/v1/namespaces", """{"metadata":{"name":"other"}}""");
        await api.Post(Manifests.Widgets(), Manifests.Widget("a"));
        await api.Post(Manifests.Widgets("other"), Manifests.Widget("b"));
        var (_, all) = await api.Get("/apis/example.com/v1/widgets");
        Assert.Equal(["a", "b"], Names(all!));
        var (_, inOther) = await api.Get("/apis/example.com/v1/widgets?fieldSelector=metadata.namespace%3Dother");
        Assert.Equal(["b"], Names(inOther!));
    }

    [Fact]
    public async Task A_malformed_selector_is_a_bad_request()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (code, _) = await api.Get($"{Manifests.Widgets()}?fieldSelector=spec.size%3D1");
        Assert.Equal(HttpStatusCode.BadRequest, code);
    }

    private static async Task SeedWidgets(ApiCall api)
    {
        var labels = new Dictionary<string, string>
        {
            ["a"] = """{"tier":"web"}""",
            ["b"] = """{"tier":"db"}""",
            ["c"] = """{"tier":"web","legacy":"true"}""",
            ["d"] = """{"tier":"cache"}""",
            ["e"] = "{}",
        };
        foreach (var (name, l) in labels)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Post(Manifests.Widgets(), Manifests.Widget(name, labels: l))).Code);
        }
    }

    private static string[] Names(JsonNode list) => list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()).ToArray();
}
