using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>KubernetesClient, unmodified, against the emulator through the generated kubeconfig.</summary>
public sealed class KubernetesClientTests
{
    [Fact]
    public async Task Typed_create_get_and_paginated_list_round_trip()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = server.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm{i}" }, Data = new Dictionary<string, string> { ["i"] = $"{i}" } }, "default");
        }

        var read = await client.CoreV1.ReadNamespacedConfigMapAsync("cm3", "default");
        Assert.Equal("3", read.Data["i"]);
        var names = new List<string>();
        string? token = null;
        do
        {
            var page = await client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 2, continueParameter: token);
            names.AddRange(page.Items.Select(c => c.Metadata.Name));
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(["cm0", "cm1", "cm2", "cm3", "cm4"], names);
    }

    [Fact]
    public async Task Api_errors_surface_as_http_operation_exceptions_with_status_codes()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = server.CreateClient();
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("missing", "default"));
        Assert.Equal(HttpStatusCode.NotFound, error.Response.StatusCode);
        var status = JsonSerializer.Deserialize<V1Status>(error.Response.Content, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
        Assert.Equal("NotFound", status.Reason);
    }

    [Fact]
    public async Task Watch_async_streams_added_modified_and_deleted_events()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = server.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<(WatchEventType, string)>();
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", cancellationToken: cts.Token))
            {
                seen.Add((type, item.Data?["v"] ?? ""));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await WaitFor(() => server.Requests.Count("watch", "configmaps") == 1);
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"v":"2"}}""", V1Patch.PatchType.MergePatch), "w", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w", "default");
        await watching.WaitAsync(cts.Token);
        Assert.Equal([(WatchEventType.Added, "1"), (WatchEventType.Modified, "2"), (WatchEventType.Deleted, "2")], seen);
    }

    [Fact]
    public async Task Server_side_apply_through_the_client_creates_then_conflicts_then_forces()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = server.CreateClient();
        const string body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"x","namespace":"default"},"spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"c","image":"img:1"}]}}}}""";
        var created = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body.Replace("REPLICAS", "1", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch), "x", "default", fieldManager: "flux-operator");
        Assert.Equal(1, created.Spec.Replicas);
        Assert.Contains(created.Metadata.ManagedFields, m => m.Manager == "flux-operator" && m.Operation == "Apply");
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body.Replace("REPLICAS", "2", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch), "x", "default", fieldManager: "someone-else"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        var forced = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body.Replace("REPLICAS", "2", StringComparison.Ordinal), V1Patch.PatchType.ApplyPatch), "x", "default", fieldManager: "someone-else", force: true);
        Assert.Equal(2, forced.Spec.Replicas);
    }

    [Fact]
    public async Task Custom_objects_and_their_status_are_served_to_the_generic_client()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        using var client = server.CreateClient();
        var apply = new V1Patch(Manifests.Widget("w"), V1Patch.PatchType.ApplyPatch);
        await client.CustomObjects.PatchNamespacedCustomObjectAsync(apply, "example.com", "v1", "default", "widgets", "w", fieldManager: "test");
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":{"ready":true}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", "default", "widgets", "w");
        var read = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets", "w");
        Assert.True(read.GetProperty("status").GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Deleting_a_deployment_with_a_finalizer_returns_the_pending_object_to_the_client()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var client = server.CreateClient();
        await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "x", Finalizers = ["example.com/hold"] },
            Spec = new V1DeploymentSpec { Selector = new V1LabelSelector(), Template = new V1PodTemplateSpec() },
        }, "default");
        await client.AppsV1.DeleteNamespacedDeploymentAsync("x", "default");
        var pending = await client.AppsV1.ReadNamespacedDeploymentAsync("x", "default");
        Assert.NotNull(pending.Metadata.DeletionTimestamp);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, cts.Token);
        }
    }
}
