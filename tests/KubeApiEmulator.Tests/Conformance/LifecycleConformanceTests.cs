using System.Net;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Finalizers, namespace termination, garbage collection, CRD deletion.</summary>
public sealed class LifecycleConformanceTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task Deleting_an_object_with_finalizers_waits_until_they_are_removed()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a","finalizers":["example.com/hold"]}}""");
        var (code, body) = await api.Delete($"{ConfigMaps}/a");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.NotNull(body!["metadata"]!["deletionTimestamp"]);
        var (still, held) = await api.Get($"{ConfigMaps}/a");
        Assert.Equal(HttpStatusCode.OK, still);
        Assert.NotNull(held!["metadata"]!["deletionTimestamp"]);
        await using var watch = await WatchReader.Open(api.Http, $"{ConfigMaps}?watch=1&resourceVersion={server.ResourceVersion}");
        await api.Merge($"{ConfigMaps}/a", """{"metadata":{"finalizers":null}}""");
        Assert.Equal("DELETED", (await watch.NextChange())!["type"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/a")).Code);
    }

    [Fact]
    public async Task Deleting_without_finalizers_answers_a_success_status()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, created) = await api.Post(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var (code, body) = await api.Delete($"{ConfigMaps}/a");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Success", body!["status"]!.ToString());
        Assert.Equal(created!["metadata"]!["uid"]!.ToString(), body["details"]!["uid"]!.ToString());
    }

    [Fact]
    public async Task Deleting_a_namespace_terminates_it_removes_its_objects_then_removes_it()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post("/api/v1/namespaces", """{"metadata":{"name":"a"}}""");
        await api.Post("/api/v1/namespaces/a/configmaps", """{"metadata":{"name":"c","finalizers":["example.com/hold"]}}""");
        await api.Post("/api/v1/namespaces/a/secrets", """{"metadata":{"name":"s"}}""");
        var (code, body) = await api.Delete("/api/v1/namespaces/a");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Terminating", body!["status"]!["phase"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v1/namespaces/a/secrets/s")).Code);
        Assert.Equal("Terminating", (await api.Get("/api/v1/namespaces/a")).Body!["status"]!["phase"]!.ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Post("/api/v1/namespaces/a/configmaps", """{"metadata":{"name":"new"}}""")).Code);
        await api.Merge("/api/v1/namespaces/a/configmaps/c", """{"metadata":{"finalizers":null}}""");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v1/namespaces/a")).Code);
    }

    [Fact]
    public async Task Deleting_an_owner_in_the_background_deletes_its_dependents()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var uid = await Owner(api);
        await Dependent(api, "d1", uid);
        await Dependent(api, "d2", uid);
        await api.Delete($"{ConfigMaps}/owner");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/d1")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/d2")).Code);
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var uid = await Owner(api);
        await Dependent(api, "d1", uid, finalizer: true);
        var (_, body) = await api.Delete($"{ConfigMaps}/owner", """{"propagationPolicy":"Foreground"}""");
        Assert.Contains("foregroundDeletion", body!["metadata"]!["finalizers"]!.AsArray().Select(f => f!.ToString()));
        var (_, owner) = await api.Get($"{ConfigMaps}/owner");
        Assert.NotNull(owner!["metadata"]!["deletionTimestamp"]);
        Assert.NotNull((await api.Get($"{ConfigMaps}/d1")).Body!["metadata"]!["deletionTimestamp"]);
        await api.Merge($"{ConfigMaps}/d1", """{"metadata":{"finalizers":null}}""");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/d1")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/owner")).Code);
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_drops_their_owner_reference()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var uid = await Owner(api);
        await Dependent(api, "d1", uid);
        await api.Delete($"{ConfigMaps}/owner?propagationPolicy=Orphan");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{ConfigMaps}/owner")).Code);
        var (code, dependent) = await api.Get($"{ConfigMaps}/d1");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Null(dependent!["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task Deleting_a_crd_removes_its_objects_and_its_discovery()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        var (code, _) = await api.Delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{Manifests.Widgets()}/w")).Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/apis/example.com/v1")).Code);
        var (_, groups) = await api.Get("/apis");
        Assert.DoesNotContain("example.com", groups!["groups"]!.AsArray().Select(g => g!["name"]!.ToString()));
        await api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Manifests.WidgetCrd);
        Assert.Empty((await api.Get(Manifests.Widgets())).Body!["items"]!.AsArray());
    }

    [Fact]
    public async Task A_delete_precondition_on_a_stale_resource_version_conflicts()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(ConfigMaps, """{"metadata":{"name":"a"}}""");
        var (code, _) = await api.Delete($"{ConfigMaps}/a", """{"preconditions":{"resourceVersion":"1"}}""");
        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    private static async Task<string> Owner(ApiCall api)
    {
        var (_, owner) = await api.Post(ConfigMaps, """{"metadata":{"name":"owner"}}""");
        return owner!["metadata"]!["uid"]!.ToString();
    }

    private static async Task Dependent(ApiCall api, string name, string ownerUid, bool finalizer = false)
    {
        var finalizers = finalizer ? ""","finalizers":["example.com/hold"]""" : "";
        var body = "{\"metadata\":{\"name\":\"" + name + "\"" + finalizers +
            ",\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"owner\",\"uid\":\"" + ownerUid + "\"}]}}";
        Assert.Equal(HttpStatusCode.Created, (await api.Post(ConfigMaps, body)).Code);
    }
}
