using System.Net;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Runtime;

public sealed class KubeApiClientTests : IAsyncLifetime
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
    }

    public async Task DisposeAsync()
    {
        _kubernetes.Dispose();
        await _api.DisposeAsync();
    }

    private static JsonObject ConfigMap(string name, string value, string ns = "default") => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = "demo" } },
        ["data"] = new JsonObject { ["key"] = value },
    };

    [Fact]
    public async Task Server_side_apply_creates_then_updates_with_our_field_manager()
    {
        var created = await _client.ApplyAsync(ConfigMaps, ConfigMap("cm", "one"), new ApplyOptions("flux-operator"), default);
        var updated = await _client.ApplyAsync(ConfigMaps, ConfigMap("cm", "two"), new ApplyOptions("flux-operator"), default);

        Assert.Equal("one", created["data"]!["key"]!.GetValue<string>());
        var stored = _api.Get("v1", "ConfigMap", "default", "cm")!;
        Assert.Equal("two", stored["data"]!["key"]!.GetValue<string>());
        Assert.Equal(ObjectMeta.ResourceVersion(updated), ObjectMeta.ResourceVersion(stored));
        var managers = stored["metadata"]!["managedFields"]!.AsArray().Select(m => m!["manager"]!.GetValue<string>());
        Assert.Contains("flux-operator", managers);
    }

    [Fact]
    public async Task Apply_without_force_reports_a_field_conflict_as_a_transient_409()
    {
        await _client.ApplyAsync(ConfigMaps, ConfigMap("cm", "theirs"), new ApplyOptions("someone-else"), default);

        var error = await Assert.ThrowsAsync<KubeApiException>(() =>
            _client.ApplyAsync(ConfigMaps, ConfigMap("cm", "ours"), new ApplyOptions("flux-operator", Force: false), default));
        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.True(error.IsConflict);
        Assert.True(error.IsTransient);

        await _client.ApplyAsync(ConfigMaps, ConfigMap("cm", "ours"), new ApplyOptions("flux-operator", Force: true), default);
        Assert.Equal("ours", _api.Get("v1", "ConfigMap", "default", "cm")!["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_and_delete_of_a_missing_object_are_values_not_errors()
    {
        Assert.Null(await _client.GetAsync(ConfigMaps, "default", "missing", default));
        Assert.False(await _client.DeleteAsync(ConfigMaps, "default", "missing", null, default));

        _api.Seed(ConfigMap("cm", "v"));
        Assert.NotNull(await _client.GetAsync(ConfigMaps, "default", "cm", default));
        Assert.True(await _client.DeleteAsync(ConfigMaps, "default", "cm", null, default));
        Assert.Null(_api.Get("v1", "ConfigMap", "default", "cm"));
    }

    [Fact]
    public async Task Typed_get_deserializes_the_stored_object()
    {
        _api.Seed(ConfigMap("cm", "typed"));

        var typed = await _client.GetAsync<TypedConfigMap>(ConfigMaps, "default", "cm", null, default);

        Assert.Equal("typed", typed!.Data["key"]);
        Assert.Null(await _client.GetAsync<TypedConfigMap>(ConfigMaps, "default", "missing", null, default));
    }

    private sealed record TypedConfigMap([property: System.Text.Json.Serialization.JsonPropertyName("data")] Dictionary<string, string> Data);

    [Fact]
    public async Task List_follows_continue_tokens_across_pages()
    {
        for (var i = 0; i < 7; i++)
        {
            _api.Seed(ConfigMap($"cm-{i}", "v"));
        }

        var page = await _client.ListAsync(ConfigMaps, "default", new ListOptions { Limit = 3 }, default);
        Assert.Equal(3, page.Items.Count);
        Assert.NotNull(page.Continue);

        var all = await _client.ListAllAsync(ConfigMaps, "default", new ListOptions { Limit = 3, LabelSelector = "app=demo" }, default);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cm-{i}").Order(StringComparer.Ordinal), all.Items.Select(ObjectMeta.Name).Order(StringComparer.Ordinal));
        Assert.All(all.Items, o => Assert.Equal("ConfigMap", o["kind"]!.GetValue<string>()));
        Assert.Null(all.Continue);
    }

    [Fact]
    public async Task Status_is_patched_through_the_status_subresource()
    {
        _api.Seed(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "d", ["namespace"] = "default" },
            ["spec"] = JsonNode.Parse("""{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}"""),
        });
        var deployments = await _client.Mapper.MapAsync(new GroupVersionKind("apps", "v1", "Deployment"), default);

        await _client.PatchStatusAsync(deployments, "default", "d", new JsonObject { ["status"] = new JsonObject { ["replicas"] = 3 } }, "flux-operator", default);

        Assert.Equal(3, _api.Get("apps/v1", "Deployment", "default", "d")!["status"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public async Task Rest_mapper_resolves_built_in_kinds_and_kinds_of_a_crd_created_later()
    {
        var ns = await _client.Mapper.MapAsync(new GroupVersionKind("", "v1", "Namespace"), default);
        Assert.Equal(KubeResources.Namespace, ns);
        var deployment = await _client.Mapper.MapAsync(new GroupVersionKind("apps", "v1", "Deployment"), default);
        Assert.Equal(new ResourceType("apps", "v1", "Deployment", "deployments", true), deployment);

        var missing = await Assert.ThrowsAsync<KubeApiException>(() => _client.Mapper.MapAsync(new GroupVersionKind("example.com", "v1", "Widget"), default));
        Assert.True(missing.IsNotFound);

        await _client.ApplyAsync(KubeResources.CustomResourceDefinition, WidgetCrd(), new ApplyOptions("flux-operator"), default);
        var widget = await _client.Mapper.MapAsync(new GroupVersionKind("example.com", "v1", "Widget"), default);
        Assert.Equal(new ResourceType("example.com", "v1", "Widget", "widgets", false), widget);
    }

    [Fact]
    public async Task Client_works_over_tls_with_the_kubeconfig_ca_and_token()
    {
        await using var tls = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true });
        using var kubernetes = tls.CreateClient();
        var client = new KubeApiClient(kubernetes);
        Assert.StartsWith("https://", tls.Url, StringComparison.Ordinal);

        await client.ApplyAsync(ConfigMaps, ConfigMap("cm", "tls"), new ApplyOptions("flux-operator"), default);
        var watched = new List<WatchEvent>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var e in client.WatchAsync(ConfigMaps, "default", new ListOptions { ResourceVersion = "0" }, cts.Token))
        {
            watched.Add(e);
            break;
        }

        Assert.Equal("tls", (await client.GetAsync(ConfigMaps, "default", "cm", default))!["data"]!["key"]!.GetValue<string>());
        Assert.Equal(FluxOperator.Controllers.Runtime.Kube.WatchEventType.Added, Assert.Single(watched).Type);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(409, true)]
    [InlineData(403, false)]
    [InlineData(422, false)]
    public async Task Injected_failures_are_classified_by_status_code(int code, bool transient)
    {
        _api.Faults.FailNext("GET", "/api/v1/namespaces/default/configmaps/cm$", 1, code);

        var error = await Assert.ThrowsAsync<KubeApiException>(() => _client.GetAsync(ConfigMaps, "default", "cm", default));

        Assert.Equal((HttpStatusCode)code, error.StatusCode);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(transient, KubeErrors.IsTransient(error));
    }

    internal static JsonObject WidgetCrd() => JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1",
          "kind": "CustomResourceDefinition",
          "metadata": { "name": "widgets.example.com" },
          "spec": {
            "group": "example.com",
            "scope": "Cluster",
            "names": { "plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList" },
            "versions": [ { "name": "v1", "served": true, "storage": true,
              "schema": { "openAPIV3Schema": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } } ]
          }
        }
        """)!.AsObject();
}
