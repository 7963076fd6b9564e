using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Behaviours beyond the numbered pairs that the operator relies on.</summary>
public sealed class MoreBehaviourTests
{
    [Fact]
    public async Task A_multi_version_crd_serves_each_version_from_one_storage()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var crd = JsonNode.Parse(Manifests.WidgetCrd)!;
        var v1 = crd["spec"]!["versions"]![0]!;
        var beta = v1.DeepClone();
        beta["name"] = "v1beta1";
        beta["storage"] = false;
        crd["spec"]!["versions"]!.AsArray().Add(beta);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd.ToJsonString())).Code);
        await api.Post("/apis/example.com/v1beta1/namespaces/default/widgets", Manifests.Widget("w").Replace("example.com/v1", "example.com/v1beta1", StringComparison.Ordinal));
        var (code, body) = await api.Get("/apis/example.com/v1/namespaces/default/widgets/w");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("example.com/v1", body!["apiVersion"]!.ToString());
        var (_, group) = await api.Get("/apis/example.com");
        Assert.Equal("v1", group!["preferredVersion"]!["version"]!.ToString());
        Assert.Equal(2, group["versions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Concurrent_writers_get_unique_increasing_resource_versions_in_watch_order()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var start = server.ResourceVersion;
        await using var watch = await WatchReader.Open(api.Http, $"/api/v1/namespaces/default/configmaps?watch=1&resourceVersion={start}");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"c" + w + "-" + i + "\"}}")).Code);
            }
        })));
        var versions = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var e = await watch.NextChange();
            versions.Add(long.Parse(e!["object"]!["metadata"]!["resourceVersion"]!.ToString(), CultureInfo.InvariantCulture));
        }

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(200, versions.Distinct().Count());
        Assert.True(versions[0] > start);
    }

    [Fact]
    public async Task Delete_collection_removes_only_the_selected_objects()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a","labels":{"x":"1"}}}""");
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"b","labels":{"x":"2"}}}""");
        var (code, _) = await api.Delete("/api/v1/namespaces/default/configmaps?labelSelector=x%3D1");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["b"], server.List("v1", "ConfigMap", "default").Select(c => c["metadata"]!["name"]!.ToString()));
    }

    [Fact]
    public async Task Watches_on_a_custom_resource_end_when_its_crd_is_deleted()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        await using var watch = await WatchReader.Open(api.Http, $"{Manifests.Widgets()}?watch=1");
        Assert.Equal("ADDED", (await watch.NextChange())!["type"]!.ToString());
        await api.Delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        Assert.Equal("DELETED", (await watch.NextChange())!["type"]!.ToString());
        Assert.Null(await watch.Next());
    }

    [Fact]
    public async Task Server_side_apply_of_status_owns_only_status_fields()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Apply($"{Manifests.Widgets()}/w", "m1", Manifests.Widget("w"));
        var (code, body) = await api.Apply($"{Manifests.Widgets()}/w/status", "status-writer",
            """{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}""", force: true);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("True", body!["status"]!["conditions"]![0]!["status"]!.ToString());
        var entry = body["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.ToString() == "status-writer")!;
        Assert.Equal("status", entry["subresource"]!.ToString());
        Assert.NotNull(entry["fieldsV1"]!["f:status"]!["f:conditions"]!["k:{\"type\":\"Ready\"}"]);
        Assert.Equal(1, body["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(1, body["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_injected_too_many_requests_answer_carries_retry_after()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        server.Faults.FailNext("list", "configmaps", times: 1, statusCode: 429);
        using var response = await api.Http.GetAsync("/api/v1/namespaces/default/configmaps");
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(1, server.Requests.Records.Count(r => r.Status == 429 && r.Verb == "list"));
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_base64_data()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, body) = await api.Post("/api/v1/namespaces/default/secrets", """{"metadata":{"name":"s"},"stringData":{"token":"abc"}}""");
        Assert.Null(body!["stringData"]);
        Assert.Equal(Convert.ToBase64String("abc"u8.ToArray()), body["data"]!["token"]!.ToString());
        Assert.Equal("Opaque", body["type"]!.ToString());
    }
}
