using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>Version and discovery.</summary>
public sealed class DiscoveryConformanceTests
{
    [Fact]
    public async Task Version_reports_a_v1_git_version()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get("/version");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.StartsWith("v1.", body!["gitVersion"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_lists_the_core_v1_version()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get("/api");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("APIVersions", body!["kind"]!.ToString());
        Assert.Contains("v1", body["versions"]!.AsArray().Select(v => v!.ToString()));
    }

    [Fact]
    public async Task Apis_lists_every_built_in_group()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get("/apis");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("APIGroupList", body!["kind"]!.ToString());
        var groups = body["groups"]!.AsArray().Select(g => g!["name"]!.ToString()).ToArray();
        foreach (var expected in new[] { "apps", "rbac.authorization.k8s.io", "apiextensions.k8s.io", "coordination.k8s.io", "networking.k8s.io" })
        {
            Assert.Contains(expected, groups);
        }
    }

    [Fact]
    public async Task Apps_v1_lists_deployments_and_their_status_subresource()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, body) = await api.Get("/apis/apps/v1");
        Assert.Equal("APIResourceList", body!["kind"]!.ToString());
        var resources = body["resources"]!.AsArray().Select(r => r!.AsObject()).ToArray();
        var deployments = Assert.Single(resources, r => r["name"]!.ToString() == "deployments");
        Assert.True(deployments["namespaced"]!.GetValue<bool>());
        Assert.Equal("Deployment", deployments["kind"]!.ToString());
        Assert.Contains(resources, r => r["name"]!.ToString() == "deployments/status");
    }

    [Theory]
    [InlineData("/api/v1", "configmaps")]
    [InlineData("/api/v1", "namespaces")]
    [InlineData("/apis/rbac.authorization.k8s.io/v1", "clusterrolebindings")]
    [InlineData("/apis/coordination.k8s.io/v1", "leases")]
    [InlineData("/apis/networking.k8s.io/v1", "networkpolicies")]
    [InlineData("/apis/apiextensions.k8s.io/v1", "customresourcedefinitions")]
    public async Task Built_in_resources_are_discoverable(string groupVersion, string resource)
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (_, body) = await api.Get(groupVersion);
        Assert.Contains(resource, body!["resources"]!.AsArray().Select(r => r!["name"]!.ToString()));
    }

    [Fact]
    public async Task Unknown_paths_answer_a_not_found_status()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get("/apis/nothing.example.com/v1/things");
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", body!["kind"]!.ToString());
        Assert.Equal("NotFound", body["reason"]!.ToString());
    }

    [Fact]
    public async Task Openapi_v3_indexes_every_served_group_version_with_a_fetchable_document()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        var (code, body) = await api.Get("/openapi/v3");
        Assert.Equal(HttpStatusCode.OK, code);
        var paths = Assert.IsType<JsonObject>(body!["paths"]);
        Assert.Contains("api/v1", paths.Select(p => p.Key));
        Assert.Contains("apis/apps/v1", paths.Select(p => p.Key));
        Assert.Contains("apis/apiextensions.k8s.io/v1", paths.Select(p => p.Key));

        var url = paths["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        Assert.StartsWith("/openapi/v3/apis/apps/v1?hash=", url, StringComparison.Ordinal);
        var (documentCode, document) = await api.Get(url);
        Assert.Equal(HttpStatusCode.OK, documentCode);
        Assert.Contains("/apis/apps/v1/namespaces/{namespace}/deployments/{name}", document!["paths"]!.AsObject().Select(p => p.Key));
    }
}
