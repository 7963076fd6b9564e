using System.Net;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Strategic merge and JSON patch.</summary>
public sealed class PatchConformanceTests
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Fact]
    public async Task Strategic_merge_adds_an_env_var_to_one_container_and_keeps_the_rest()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(Deployments, Manifests.Deployment("x"));
        var (code, body) = await api.Patch($"{Deployments}/x", "application/strategic-merge-patch+json",
            """{"spec":{"template":{"spec":{"containers":[{"name":"c","env":[{"name":"B","value":"2"}]}]}}}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        var containers = body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        var c = containers.Single(x => x!["name"]!.ToString() == "c")!;
        Assert.Equal("img:1", c["image"]!.ToString());
        Assert.Equal(["A", "B"], c["env"]!.AsArray().Select(e => e!["name"]!.ToString()));
        Assert.Equal("other:1", containers.Single(x => x!["name"]!.ToString() == "d")!["image"]!.ToString());
    }

    [Fact]
    public async Task Strategic_merge_delete_directive_removes_a_list_item()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(Deployments, Manifests.Deployment("x"));
        var (_, body) = await api.Patch($"{Deployments}/x", "application/strategic-merge-patch+json",
            """{"spec":{"template":{"spec":{"containers":[{"name":"d","$patch":"delete"}]}}}}""");
        Assert.Equal(["c"], body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(x => x!["name"]!.ToString()));
    }

    [Fact]
    public async Task A_failing_json_patch_test_answers_unprocessable_entity()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var (code, body) = await api.Patch("/api/v1/namespaces/default/configmaps/c", "application/json-patch+json",
            """[{"op":"test","path":"/data/a","value":"2"},{"op":"replace","path":"/data/a","value":"3"}]""");
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Status", body!["kind"]!.ToString());
        Assert.Equal("1", server.Get("v1", "ConfigMap", "default", "c")!["data"]!["a"]!.ToString());
    }

    [Fact]
    public async Task Json_patch_operations_apply_in_order()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"a":"1"}}""");
        var (code, body) = await api.Patch("/api/v1/namespaces/default/configmaps/c", "application/json-patch+json",
            """[{"op":"test","path":"/data/a","value":"1"},{"op":"add","path":"/data/b","value":"2"},{"op":"move","from":"/data/a","path":"/data/c"}]""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Null(body!["data"]!["a"]);
        Assert.Equal("2", body["data"]!["b"]!.ToString());
        Assert.Equal("1", body["data"]!["c"]!.ToString());
    }

    [Fact]
    public async Task Merge_patch_null_removes_a_field()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""");
        var (_, body) = await api.Merge("/api/v1/namespaces/default/configmaps/c", """{"data":{"a":null}}""");
        Assert.Null(body!["data"]!["a"]);
        Assert.Equal("2", body["data"]!["b"]!.ToString());
    }
}
