using System.Net;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>CRD establishment, generation rules, status subresource isolation, patch types.</summary>
public sealed class CustomResourceConformanceTests
{
    [Fact]
    public async Task A_created_crd_becomes_established_with_accepted_names()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (_, crd) = await api.Get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        var conditions = crd!["status"]!["conditions"]!.AsArray();
        Assert.Contains(conditions, c => c!["type"]!.ToString() == "Established" && c["status"]!.ToString() == "True");
        Assert.Contains(conditions, c => c!["type"]!.ToString() == "NamesAccepted" && c["status"]!.ToString() == "True");
        Assert.Equal("widgets", crd["status"]!["acceptedNames"]!["plural"]!.ToString());
        Assert.Equal("v1", crd["status"]!["storedVersions"]![0]!.ToString());
    }

    [Fact]
    public async Task The_crd_group_version_lists_its_resource_and_status()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (code, body) = await api.Get("/apis/example.com/v1");
        Assert.Equal(HttpStatusCode.OK, code);
        var names = body!["resources"]!.AsArray().Select(r => r!["name"]!.ToString()).ToArray();
        Assert.Contains("widgets", names);
        Assert.Contains("widgets/status", names);
    }

    [Fact]
    public async Task A_new_custom_resource_has_generation_one()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (code, body) = await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal(1, body!["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Spec_changes_bump_generation_and_label_changes_do_not()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        var (_, spec) = await api.Merge($"{Manifests.Widgets()}/w", """{"spec":{"size":2}}""");
        Assert.Equal(2, spec!["metadata"]!["generation"]!.GetValue<long>());
        var (_, labels) = await api.Merge($"{Manifests.Widgets()}/w", """{"metadata":{"labels":{"x":"y"}}}""");
        Assert.Equal(2, labels!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal("y", labels["metadata"]!["labels"]!["x"]!.ToString());
    }

    [Fact]
    public async Task Status_written_through_the_main_endpoint_is_ignored()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        await api.Merge($"{Manifests.Widgets()}/w/status", """{"status":{"phase":"Ready"}}""");
        var (_, body) = await api.Merge($"{Manifests.Widgets()}/w", """{"status":{"phase":"Hacked"}}""");
        Assert.Equal("Ready", body!["status"]!["phase"]!.ToString());
        Assert.Equal("Ready", server.Get("example.com/v1", "Widget", "default", "w")!["status"]!["phase"]!.ToString());
    }

    [Fact]
    public async Task The_status_subresource_changes_only_status()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        var (_, created) = await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        var (code, body) = await api.Merge($"{Manifests.Widgets()}/w/status", """{"spec":{"size":9},"metadata":{"labels":{"x":"y"}},"status":{"phase":"Ready"}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("Ready", body!["status"]!["phase"]!.ToString());
        Assert.Equal(1, body["spec"]!["size"]!.GetValue<int>());
        Assert.Null(body["metadata"]!["labels"]?["x"]);
        Assert.Equal(1, body["metadata"]!["generation"]!.GetValue<long>());
        Assert.NotEqual(created!["metadata"]!["resourceVersion"]!.ToString(), body["metadata"]!["resourceVersion"]!.ToString());
    }

    [Fact]
    public async Task Strategic_merge_patch_on_a_custom_resource_is_unsupported()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        await api.Post(Manifests.Widgets(), Manifests.Widget("w"));
        var (code, body) = await api.Patch($"{Manifests.Widgets()}/w", "application/strategic-merge-patch+json", """{"spec":{"size":3}}""");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UnsupportedMediaType", body!["reason"]!.ToString());
    }

    [Fact]
    public async Task A_cluster_scoped_crd_is_served_without_namespaces()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var crd = Manifests.WidgetCrd.Replace("widgets", "gadgets", StringComparison.Ordinal).Replace("widget", "gadget", StringComparison.Ordinal)
            .Replace("Widget", "Gadget", StringComparison.Ordinal).Replace("\"wd\"", "\"gd\"", StringComparison.Ordinal).Replace("Namespaced", "Cluster", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd)).Code);
        var (code, body) = await api.Post("/apis/example.com/v1/gadgets", """{"apiVersion":"example.com/v1","kind":"Gadget","metadata":{"name":"g"}}""");
        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Null(body!["metadata"]!["namespace"]);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/apis/example.com/v1/namespaces/default/gadgets")).Code);
    }

    [Fact]
    public async Task A_crd_status_write_may_trim_stored_versions_but_never_drops_the_storage_version()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        const string crd = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com";
        const string schema = """{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}""";
        await api.Merge(crd, $$$"""{"spec":{"versions":[{"name":"v1","served":true,"storage":false,"schema":{{{schema}}}},{"name":"v2","served":true,"storage":true,"schema":{{{schema}}}}]}}""");
        var (_, both) = await api.Get(crd);
        Assert.Equal(["v1", "v2"], StoredVersions(both));

        var (code, trimmed) = await api.Merge(crd + "/status", """{"status":{"storedVersions":["v2"]}}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["v2"], StoredVersions(trimmed));
        var (_, emptied) = await api.Merge(crd + "/status", """{"status":{"storedVersions":[]}}""");
        Assert.Equal(["v2"], StoredVersions(emptied));
        var (_, reread) = await api.Get(crd);
        Assert.Equal(["v2"], StoredVersions(reread));
    }

    private static string[] StoredVersions(System.Text.Json.Nodes.JsonNode? crd) =>
        crd!["status"]!["storedVersions"]!.AsArray().Select(v => v!.ToString()).ToArray();
}
