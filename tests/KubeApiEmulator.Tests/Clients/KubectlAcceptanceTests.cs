using System.Text.Json.Nodes;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>The real kubectl accepts the emulator as a server.</summary>
public sealed class KubectlAcceptanceTests
{
    private const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema:
              openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
        """;

    private static string Widget(string name, int size, string tier = "web") => $"""
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: {name}
          namespace: default
          labels: {"{"}tier: {tier}{"}"}
        spec:
          size: {size}
        """;

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x, namespace: default}
        spec:
          selector: {matchLabels: {app: x}}
          template:
            metadata: {labels: {app: x}}
            spec:
              containers: [{name: c, image: nginx}]
        """;

    [Fact]
    public async Task Version_and_api_resources_read_discovery()
    {
        await using var server = await KubeApiServer.StartAsync();
        Assert.Contains("v1.33.0", await Kubectl.Ok(server, null, "version"), StringComparison.Ordinal);
        var resources = await Kubectl.Ok(server, null, "api-resources", "-o", "name");
        foreach (var expected in new[] { "deployments.apps", "customresourcedefinitions.apiextensions.k8s.io", "leases.coordination.k8s.io", "configmaps" })
        {
            Assert.Contains(expected, resources.Split('\n'));
        }
    }

    [Fact]
    public async Task Server_side_apply_of_a_crd_then_a_custom_resource_with_get_and_selectors()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, Crd, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, null, "wait", "--for=condition=established", "crd/widgets.example.com", "--timeout=10s");
        await Kubectl.Ok(server, Widget("w1", 1) + "\n---\n" + Widget("w2", 2, tier: "db"), "apply", "--server-side", "-f", "-");
        var json = JsonNode.Parse(await Kubectl.Ok(server, null, "get", "widgets", "-o", "json"))!;
        Assert.Equal(["w1", "w2"], json["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.ToString()));
        Assert.Equal("widget.example.com/w1", (await Kubectl.Ok(server, null, "get", "widgets", "-l", "tier=web", "-o", "name")).Trim());
        Assert.Equal("widget.example.com/w2", (await Kubectl.Ok(server, null, "get", "widgets", "-l", "tier in (db,cache)", "-o", "name")).Trim());
    }

    [Fact]
    public async Task Server_side_apply_conflicts_until_forced()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, Crd, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, Widget("w1", 1), "apply", "--server-side", "--field-manager=first", "-f", "-");
        var (code, _, error) = await Kubectl.Run(server, Widget("w1", 2), "apply", "--server-side", "--field-manager=second", "-f", "-");
        Assert.NotEqual(0, code);
        Assert.Contains("conflict with \"first\": .spec.size", error, StringComparison.Ordinal);
        await Kubectl.Ok(server, Widget("w1", 2), "apply", "--server-side", "--field-manager=second", "--force-conflicts", "-f", "-");
        Assert.Equal(2, server.Get("example.com/v1", "Widget", "default", "w1")!["spec"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Patches_of_every_type_and_the_status_subresource()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, Crd, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, Widget("w1", 1), "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, Deployment, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, null, "patch", "widget", "w1", "--type=merge", "-p", """{"spec":{"size":5}}""");
        await Kubectl.Ok(server, null, "patch", "widget", "w1", "--type=json", "-p", """[{"op":"add","path":"/spec/color","value":"red"}]""");
        await Kubectl.Ok(server, null, "patch", "deployment", "x", "--type=strategic", "-p", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""");
        await Kubectl.Ok(server, null, "patch", "widget", "w1", "--subresource=status", "--type=merge", "-p", """{"status":{"ready":true}}""");
        var widget = server.Get("example.com/v1", "Widget", "default", "w1")!;
        Assert.Equal((5L, "red", true), (widget["spec"]!["size"]!.GetValue<long>(), widget["spec"]!["color"]!.ToString(), widget["status"]!["ready"]!.GetValue<bool>()));
        Assert.Equal("nginx:2", server.Get("apps/v1", "Deployment", "default", "x")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString());
    }

    [Fact]
    public async Task Delete_without_waiting_leaves_an_object_with_a_pending_finalizer()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, null, "create", "namespace", "held");
        await Kubectl.Ok(server, null, "create", "configmap", "c", "-n", "held", "--from-literal=a=b");
        await Kubectl.Ok(server, null, "patch", "configmap", "c", "-n", "held", "--type=merge", "-p", """{"metadata":{"finalizers":["example.com/hold"]}}""");
        await Kubectl.Ok(server, null, "delete", "configmap", "c", "-n", "held", "--wait=false");
        Assert.NotNull(server.Get("v1", "ConfigMap", "held", "c")!["metadata"]!["deletionTimestamp"]);
        await Kubectl.Ok(server, null, "patch", "configmap", "c", "-n", "held", "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
        Assert.Null(server.Get("v1", "ConfigMap", "held", "c"));
        await Kubectl.Ok(server, null, "delete", "namespace", "held");
        Assert.Null(server.Get("v1", "Namespace", null, "held"));
    }

    [Fact]
    public async Task Wait_for_an_available_deployment_with_the_simulator()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
        await Kubectl.Ok(server, Deployment, "apply", "--server-side", "-f", "-");
        Assert.Contains("condition met", await Kubectl.Ok(server, null, "wait", "--for=condition=Available", "deployment/x", "--timeout=10s"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_watch_streams_events_and_ends_after_its_timeout()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, null, "create", "configmap", "c", "--from-literal=a=b");
        var output = await Kubectl.Ok(server, null, "get", "--raw", "/api/v1/namespaces/default/configmaps?watch=1&timeoutSeconds=1");
        var line = JsonNode.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0])!;
        Assert.Equal(("ADDED", "c"), (line["type"]!.ToString(), line["object"]!["metadata"]!["name"]!.ToString()));
    }

    [Fact]
    public async Task Client_dry_run_apply_validates_manifests_without_storing_them()
    {
        await using var server = await KubeApiServer.StartAsync();
        var output = await Kubectl.Ok(server, Crd + "\n---\n" + Deployment, "apply", "--dry-run=client", "-f", "-");
        Assert.Contains("(dry run)", output, StringComparison.Ordinal);
        Assert.Null(server.Get("apps/v1", "Deployment", "default", "x"));
        Assert.Empty(server.List("apiextensions.k8s.io/v1", "CustomResourceDefinition"));
    }

    [Fact]
    public async Task Client_side_apply_round_trips_with_strategic_merge()
    {
        await using var server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(server, Deployment, "apply", "-f", "-");
        await Kubectl.Ok(server, Deployment.Replace("image: nginx", "image: nginx:3", StringComparison.Ordinal), "apply", "-f", "-");
        var deployment = server.Get("apps/v1", "Deployment", "default", "x")!;
        Assert.Equal("nginx:3", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Get_prints_crd_printer_columns_and_deployment_readiness()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
        var crd = Crd.Replace("    subresources: {status: {}}\n", """
                subresources: {status: {}}
                additionalPrinterColumns:
                - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
                - {name: Size, type: integer, jsonPath: .spec.size}

            """, StringComparison.Ordinal);
        await Kubectl.Ok(server, crd, "apply", "--server-side", "-f", "-");
        await Kubectl.Ok(server, Widget("w1", 7), "apply", "--server-side", "-f", "-");
        server.SetStatus("example.com/v1", "Widget", "default", "w1", new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "True" }) });
        var widgets = (await Kubectl.Ok(server, null, "get", "widgets")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "READY", "SIZE", "AGE"], widgets[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["w1", "True", "7"], widgets[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
        await Kubectl.Ok(server, Deployment, "apply", "--server-side", "-f", "-");
        var deployments = (await Kubectl.Ok(server, null, "get", "deployments")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["x", "1/1", "1", "1"], deployments[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4));
    }
}
