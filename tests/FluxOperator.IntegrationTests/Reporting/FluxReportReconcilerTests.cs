using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.IntegrationTests.Runtime;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>The report's lifecycle against the emulator, by direct passes and through the controller loop.</summary>
public sealed class FluxReportReconcilerTests : IAsyncLifetime
{
    private static readonly ReportOptions Options = new() { Namespace = FluxSeed.Namespace, ReportingInterval = TimeSpan.FromMinutes(5), OperatorVersion = "v9.9.9" };
    private static readonly ObjectKey Key = new(FluxSeed.Namespace, "flux");
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
        _api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = FluxSeed.Namespace } });
        FluxSeed.SeedCrds(_api);
    }

    public async Task DisposeAsync()
    {
        _kubernetes.Dispose();
        await _api.DisposeAsync();
    }

    private FluxReportReconciler Reconciler() => new(_client, new ReportCollector(_client, Options), Options);

    private JsonObject? Report() => _api.Get("fluxcd.controlplane.io/v1", "FluxReport", FluxSeed.Namespace, "flux");

    [Fact]
    public async Task Startup_creates_the_initial_report_and_leaves_an_existing_one_alone()
    {
        await FluxReportBootstrap.EnsureAtStartupAsync(_client, Options, CancellationToken.None);

        var created = Report()!;
        Assert.Equal(("Unknown", "Unknown", "v9.9.9"), (created["spec"]!["distribution"]!["status"]!.GetValue<string>(),
            created["spec"]!["distribution"]!["entitlement"]!.GetValue<string>(), created["spec"]!["operator"]!["version"]!.GetValue<string>()));

        await Reconciler().ReconcileAsync(Key, CancellationToken.None);
        await FluxReportBootstrap.EnsureAtStartupAsync(_client, Options, CancellationToken.None);

        Assert.Equal("Installed", Report()!["spec"]!["distribution"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pass_replaces_the_spec_sets_ready_and_requeues_after_the_interval()
    {
        FluxSeed.SeedObjects(_api);
        await FluxReportBootstrap.EnsureAsync(_client, Options, CancellationToken.None);
        _api.Apply(new JsonObject
        {
            ["apiVersion"] = "fluxcd.controlplane.io/v1", ["kind"] = "FluxReport",
            ["metadata"] = new JsonObject { ["name"] = "flux", ["namespace"] = FluxSeed.Namespace },
            ["spec"] = new JsonObject { ["sync"] = new JsonObject { ["id"] = "kustomization/stale", ["ready"] = true, ["status"] = "old" } },
        }, manager: "someone");

        var result = await Reconciler().ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5)), result);
        var report = Report()!;
        Assert.Null(report["spec"]!["sync"]);
        Assert.Equal(FluxSeed.Kinds.Length, report["spec"]!["reconcilers"]!.AsArray().Count(r => r!["kind"]!.GetValue<string>() is not ("FluxInstance" or "ResourceSet")));
        var ready = report["status"]!["conditions"]!.AsArray().Single()!;
        Assert.Equal(("Ready", "True", "Succeeded"), (ready["type"]!.GetValue<string>(), ready["status"]!.GetValue<string>(), ready["reason"]!.GetValue<string>()));
        Assert.Matches(@"^Reporting finished in \d+(\.\d+)?(ms|s)$", ready["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pass_names_what_it_could_not_read_in_the_ready_message()
    {
        await FluxReportBootstrap.EnsureAsync(_client, Options, CancellationToken.None);
        _api.Faults.FailNext("GET", "^/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gitrepositories.source.toolkit.fluxcd.io$", times: 1, statusCode: 403);

        await Reconciler().ReconcileAsync(Key, CancellationToken.None);

        var report = Report()!;
        var ready = report["status"]!["conditions"]!.AsArray().Single()!;
        Assert.Matches(@"^Reporting finished in \S+ with errors: failed to read CustomResourceDefinition gitrepositories.source.toolkit.fluxcd.io: ", ready["message"]!.GetValue<string>());
        Assert.StartsWith("Unknown (failed to read CustomResourceDefinition", report["spec"]!["distribution"]!["status"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2m", 120)]
    [InlineData("1h30m", 5400)]
    [InlineData("nonsense", 300)]
    [InlineData("-1m", 300)]
    [InlineData("1ms", 10)]
    public async Task Report_interval_annotation_sets_the_next_pass(string annotation, int seconds)
    {
        await FluxReportBootstrap.EnsureAsync(_client, Options, CancellationToken.None);
        await _client.PatchAsync(OperatorResources.FluxReport, FluxSeed.Namespace, "flux", PatchType.Merge,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcileEvery"] = annotation } } }, "test", CancellationToken.None);

        var result = await Reconciler().ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(seconds)), result);
    }

    [Fact]
    public async Task Disabled_report_is_not_computed_nor_written()
    {
        await FluxReportBootstrap.EnsureAsync(_client, Options, CancellationToken.None);
        await _client.PatchAsync(OperatorResources.FluxReport, FluxSeed.Namespace, "flux", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"annotations":{"fluxcd.controlplane.io/reconcile":"disabled"}}}""")!, "test", CancellationToken.None);
        _api.Requests.Clear();

        var result = await Reconciler().ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Equal(0, _api.Requests.Count("patch"));
        Assert.Equal(0, _api.Requests.Count("list"));
    }

    [Fact]
    public async Task Reports_outside_the_singleton_key_are_ignored()
    {
        _api.Requests.Clear();

        var result = await Reconciler().ReconcileAsync(new ObjectKey("default", "flux"), CancellationToken.None);

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Empty(_api.Requests.Records);
    }

    [Fact]
    public async Task Controller_computes_the_report_recreates_it_after_deletion_and_refreshes_on_request()
    {
        FluxSeed.SeedObjects(_api);
        await FluxReportBootstrap.EnsureAtStartupAsync(_client, Options, CancellationToken.None);
        var host = new ControllerHost(_client);
        FluxReportController.Add(host, Options, controllerOptions: new ControllerOptions { MinRetryDelay = TimeSpan.FromMilliseconds(5) });
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        try
        {
            await Eventually.True(() => ReadyMessage() is not null, "the first pass wrote the report");
            var firstWrite = Report()!["status"]!["conditions"]![0]!["lastTransitionTime"];
            AssertComputedFromTheSeed(Report()!);

            _api.Delete("fluxcd.controlplane.io/v1", "FluxReport", FluxSeed.Namespace, "flux");
            await Eventually.True(() => Report() is { } r && r["spec"]?["reconcilers"] is not null && ReadyMessage() is not null, "the report was re-created and computed");
            AssertComputedFromTheSeed(Report()!);

            _api.Requests.Clear();
            await _client.PatchAsync(OperatorResources.FluxReport, FluxSeed.Namespace, "flux", PatchType.Merge,
                JsonNode.Parse("""{"metadata":{"annotations":{"reconcile.fluxcd.io/requestedAt":"1750000000"}}}""")!, "test", CancellationToken.None);
            await Eventually.True(() => _api.Requests.Count("patch", "fluxreports/status") > 0, "the requested refresh ran");
            Assert.NotNull(firstWrite);
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    // The counts the seed describes (computed from its rules, not from the report code) and the seeded Flux version.
    private static void AssertComputedFromTheSeed(JsonObject report)
    {
        Assert.Equal(("Installed", "v2.7.0"), (report["spec"]!["distribution"]!["status"]!.GetValue<string>(), report["spec"]!["distribution"]!["version"]!.GetValue<string>()));
        var reconcilers = report["spec"]!["reconcilers"]!.AsArray().OfType<JsonObject>().ToArray();
        foreach (var kind in FluxSeed.Kinds)
        {
            var indexes = Enumerable.Range(0, kind.Count).ToArray();
            var suspended = indexes.Count(FluxSeed.IsSuspended);
            var failing = indexes.Count(i => !FluxSeed.IsSuspended(i) && FluxSeed.IsFailed(i));
            var stats = Assert.Single(reconcilers, r => r["kind"]!.GetValue<string>() == kind.Kind)["stats"]!;
            Assert.Equal((kind.Count - suspended, failing, suspended), (stats["running"]!.GetValue<int>(), stats["failing"]!.GetValue<int>(), stats["suspended"]!.GetValue<int>()));
        }
    }

    private string? ReadyMessage() => Report()?["status"]?["conditions"]?[0]?["message"]?.GetValue<string>();
}
