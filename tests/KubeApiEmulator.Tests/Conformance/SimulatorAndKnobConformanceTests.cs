using System.Net;
using System.Text.Json.Nodes;
using KubeApiEmulator.Simulation;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Conformance;

/// <summary>The Deployment simulator and the fault knob; plus the request log.</summary>
public sealed class SimulatorAndKnobConformanceTests
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Fact]
    public async Task A_simulated_deployment_reports_its_generation_observed_and_available()
    {
        var (server, api) = await Emulator.Start(options: new KubeApiServerOptions { SimulateDeployments = true });
        await using var _ = server;
        await api.Post(Deployments, Manifests.Deployment("x", replicas: 3));
        var (_, body) = await api.Get($"{Deployments}/x");
        var status = body!["status"]!;
        Assert.Equal(body["metadata"]!["generation"]!.GetValue<long>(), status["observedGeneration"]!.GetValue<long>());
        Assert.Equal(3, status["availableReplicas"]!.GetValue<int>());
        Assert.Equal("True", Condition(body, "Available")["status"]!.ToString());
        Assert.Equal("NewReplicaSetAvailable", Condition(body, "Progressing")["reason"]!.ToString());
    }

    [Fact]
    public async Task The_unready_knob_keeps_a_deployment_unavailable()
    {
        var (server, api) = await Emulator.Start(options: new KubeApiServerOptions { SimulateDeployments = true });
        await using var _ = server;
        server.SetDeploymentMode("default", "x", DeploymentMode.Unready);
        await api.Post(Deployments, Manifests.Deployment("x"));
        var (_, body) = await api.Get($"{Deployments}/x");
        Assert.Equal(0, body!["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Equal("False", Condition(body, "Available")["status"]!.ToString());
        server.SetDeploymentMode("default", "x", DeploymentMode.Healthy);
        Assert.Equal("True", Condition((await api.Get($"{Deployments}/x")).Body!, "Available")["status"]!.ToString());
    }

    [Fact]
    public async Task The_failed_knob_reports_a_progress_deadline_exceeded()
    {
        var (server, api) = await Emulator.Start(options: new KubeApiServerOptions { SimulateDeployments = true });
        await using var _ = server;
        await api.Post(Deployments, Manifests.Deployment("x"));
        server.SetDeploymentMode("default", "x", DeploymentMode.Failed);
        var progressing = Condition((await api.Get($"{Deployments}/x")).Body!, "Progressing");
        Assert.Equal(("False", "ProgressDeadlineExceeded"), (progressing["status"]!.ToString(), progressing["reason"]!.ToString()));
    }

    [Fact]
    public async Task Without_the_simulator_a_deployment_has_no_status()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        await api.Post(Deployments, Manifests.Deployment("x"));
        Assert.Null((await api.Get($"{Deployments}/x")).Body!["status"]);
    }

    [Fact]
    public async Task The_fault_knob_fails_the_next_matching_requests_then_serves_normally()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        server.Faults.FailNext("GET", "^/apis/apps/v1/namespaces/a/deployments$", times: 2, statusCode: 500);
        var first = await api.Get("/apis/apps/v1/namespaces/a/deployments");
        var second = await api.Get("/apis/apps/v1/namespaces/a/deployments");
        var third = await api.Get("/apis/apps/v1/namespaces/a/deployments");
        var other = await api.Get("/apis/apps/v1/namespaces/default/deployments");
        Assert.Equal((HttpStatusCode.InternalServerError, "Status"), (first.Code, first.Body!["kind"]!.ToString()));
        Assert.Equal(HttpStatusCode.InternalServerError, second.Code);
        Assert.Equal(HttpStatusCode.OK, third.Code);
        Assert.Equal(HttpStatusCode.OK, other.Code);
    }

    [Fact]
    public async Task The_request_log_counts_requests_per_verb_and_resource()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        server.Requests.Clear();
        await api.Post("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"a"}}""");
        await api.Get("/api/v1/namespaces/default/configmaps/a");
        await api.Get("/api/v1/namespaces/default/configmaps/a");
        await api.Get("/api/v1/namespaces/default/configmaps");
        Assert.Equal(1, server.Requests.Count("create", "configmaps"));
        Assert.Equal(2, server.Requests.Count("get", "configmaps"));
        Assert.Equal(1, server.Requests.Counts()["list configmaps"]);
    }

    [Fact]
    public async Task Seeded_objects_keep_their_status_and_get_their_namespace()
    {
        var (server, api) = await Emulator.Start();
        await using var _ = server;
        server.SeedYaml("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: seeded
              namespace: fresh
            spec:
              replicas: 2
            status:
              readyReplicas: 2
            """);
        var (code, body) = await api.Get("/apis/apps/v1/namespaces/fresh/deployments/seeded");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(2, body!["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.NotNull(server.Get("v1", "Namespace", null, "fresh"));
    }

    [Fact]
    public async Task Direct_apply_status_and_delete_reach_clients_like_api_writes()
    {
        var (server, api) = await Emulator.Start(widgets: true);
        await using var _ = server;
        server.Apply(JsonNode.Parse(Manifests.Widget("w"))!.AsObject(), manager: "someone");
        server.SetStatus("example.com/v1", "Widget", "default", "w", new JsonObject { ["phase"] = "Ready" });
        var (_, body) = await api.Get($"{Manifests.Widgets()}/w");
        Assert.Equal("Ready", body!["status"]!["phase"]!.ToString());
        Assert.Contains(body["metadata"]!["managedFields"]!.AsArray(), e => e!["manager"]!.ToString() == "someone");
        server.Delete("example.com/v1", "Widget", "default", "w");
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"{Manifests.Widgets()}/w")).Code);
    }

    private static JsonNode Condition(JsonNode deployment, string type) =>
        deployment["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.ToString() == type)!;
}
