using System.Text.Json.Nodes;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.IntegrationTests.Distribution;
using k8s;
using KubeApiEmulator;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>The artifact watcher against the emulator and a real registry.</summary>
public sealed class DistributionWatcherTests : IAsyncLifetime
{
    private static readonly ObjectKey Key = new(FluxSeed.Namespace, "flux");
    private readonly string _work = Directory.CreateTempSubdirectory("watcher-").FullName;
    private readonly List<ObjectKey> _requested = [];
    private readonly ArtifactHealth _health = new();
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;
    private RegistryServer _registry = null!;
    private CountingHandler _counter = null!;
    private ArtifactStore _store = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
        _api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = FluxSeed.Namespace } });
        FluxSeed.SeedCrds(_api);
        _registry = await RegistryServer.StartAsync();
        var options = new OciClientOptions { PlainHttp = true, MaxAttempts = 1 };
        _counter = new CountingHandler(OciRegistryClient.CreateHandler(options));
        _store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(_work, "cache"), Client = options, PullTimeout = TimeSpan.FromSeconds(10) },
            TimeProvider.System, handler: _counter);
    }

    public async Task DisposeAsync()
    {
        _store.Dispose();
        await _registry.DisposeAsync();
        _kubernetes.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string Url => $"oci://{_registry.Host}/flux-operator-manifests:latest";

    private DistributionWatcher Watcher() =>
        new(_client, _store, new DistributionWatcherOptions { Namespace = FluxSeed.Namespace }, _health, requestReconcile: _requested.Add);

    private async Task<string> PublishAsync(string version)
    {
        var options = new OciClientOptions { PlainHttp = true };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(_registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var pushed = await ArtifactPublisher.PushAsync(client, Trees.Small(_work, version), OciReference.Parse(Url), new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None);
        return pushed.Digest;
    }

    private JsonObject Instance() => _api.Get("fluxcd.controlplane.io/v1", "FluxInstance", FluxSeed.Namespace, "flux")!;

    private string? RequestedAt() => Instance()["metadata"]?["annotations"]?["reconcile.fluxcd.io/requestedAt"]?.GetValue<string>();

    [Fact]
    public async Task Unchanged_digest_costs_one_head_request_and_no_download()
    {
        var digest = await PublishAsync("v2.7.0");
        _api.Seed(ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"), Url, digest));

        var result = await Watcher().ReconcileAsync(Key, CancellationToken.None);

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)), result);
        Assert.Equal(1, _counter.Count("HEAD", "/manifests/latest"));
        Assert.Equal(0, _counter.Count("GET", "/blobs/"));
        Assert.Equal(0, _counter.Count("GET", "/manifests/"));
        Assert.Null(RequestedAt());
        Assert.Empty(_requested);
    }

    [Fact]
    public async Task Newer_release_published_to_the_registry_is_pulled_and_the_instance_is_asked_to_reconcile()
    {
        var installed = await PublishAsync("v2.7.0");
        _api.Seed(ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"), Url, installed));
        var statusBefore = Instance()["status"]!.ToJsonString();
        var newer = await PublishAsync("v2.7.1");

        var result = await Watcher().ReconcileAsync(Key, CancellationToken.None);

        Assert.NotEqual(installed, newer);
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)), result);
        Assert.Equal([Key], _requested);
        Assert.True(DateTimeOffset.TryParse(RequestedAt(), out _), "requestedAt holds an RFC 3339 time");
        Assert.Equal(statusBefore, Instance()["status"]!.ToJsonString());
        Assert.True(_counter.Count("GET", "/blobs/") > 0, "the new artifact was pulled");
        var cached = await _store.PullAsync(OciReference.Parse(Url).WithDigest(newer), RegistryCredentials.Anonymous, CancellationToken.None);
        Assert.Equal(ArtifactOrigin.Cache, cached.Origin);
        Assert.Equal(["v2.7.1"], Directory.GetDirectories(Path.Combine(cached.Directory, "flux")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("disabled", "True", "sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(null, "False", "sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(null, "True", null)]
    public async Task Disabled_not_ready_or_never_installed_instances_are_not_checked(string? reconcile, string ready, string? lastRevision)
    {
        await PublishAsync("v2.7.0");
        var instance = ReportObjects.Instance(ReportObjects.Ready(ready, "ReconciliationSucceeded", "x"), Url, lastRevision);
        if (reconcile is not null)
        {
            instance["metadata"]!["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcile"] = reconcile };
        }

        _api.Seed(instance);
        _counter.Requests.Clear();

        await Watcher().ReconcileAsync(Key, CancellationToken.None);

        Assert.Empty(_counter.Requests);
        Assert.Empty(_requested);
    }

    [Fact]
    public async Task Poll_interval_comes_from_the_annotation()
    {
        var digest = await PublishAsync("v2.7.0");
        var instance = ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"), Url, digest);
        instance["metadata"]!["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcileArtifactEvery"] = "30s" };
        _api.Seed(instance);

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)), await Watcher().ReconcileAsync(Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_poll_interval_below_the_floor_is_raised_to_it_with_one_warning_event()
    {
        var digest = await PublishAsync("v2.7.0");
        var instance = ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"), Url, digest);
        instance["metadata"]!["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcileArtifactEvery"] = "1ms" };
        _api.Seed(instance);
        var watcher = Watcher();

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(10)), await watcher.ReconcileAsync(Key, CancellationToken.None));
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(10)), await watcher.ReconcileAsync(Key, CancellationToken.None));

        var warning = Assert.Single(_api.List("v1", "Event", FluxSeed.Namespace));
        Assert.Equal(("Warning", "IntervalClamped"), (warning["type"]!.GetValue<string>(), warning["reason"]!.GetValue<string>()));
        Assert.Equal("annotation fluxcd.controlplane.io/reconcileArtifactEvery: 1ms is below the minimum of 10s; using 10s", warning["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Registry_down_records_a_warning_event_and_the_report_says_so_while_nothing_is_uninstalled()
    {
        var digest = await PublishAsync("v2.7.0");
        _api.Seed(ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"), Url, digest));
        _api.Seed(ReportObjects.Deployment("source-controller", "ghcr.io/fluxcd/source-controller:v1.7.0", ready: true));
        var reportOptions = new ReportOptions { Namespace = FluxSeed.Namespace };
        await FluxReportBootstrap.EnsureAsync(_client, reportOptions, CancellationToken.None);
        var statusBefore = Instance()["status"]!.ToJsonString();
        _registry.Kill();

        var failure = await Assert.ThrowsAsync<ReconcileError>(() => Watcher().ReconcileAsync(Key, CancellationToken.None));
        Assert.IsType<ArtifactException>(failure.InnerException);

        var warning = Assert.Single(_api.List("v1", "Event", FluxSeed.Namespace));
        Assert.Equal(("Warning", "ArtifactFailed", "FluxInstance"), (warning["type"]!.GetValue<string>(), warning["reason"]!.GetValue<string>(), warning["involvedObject"]!["kind"]!.GetValue<string>()));
        Assert.StartsWith($"fetch failed: fetching digest for artifact {Url} failed:", warning["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(statusBefore, Instance()["status"]!.ToJsonString());
        var report = _api.Get("fluxcd.controlplane.io/v1", "FluxReport", FluxSeed.Namespace, "flux")!;
        Assert.NotNull(report["metadata"]!["annotations"]!["reconcile.fluxcd.io/requestedAt"]);

        var spec = (await new ReportCollector(_client, reportOptions, _health).ComputeAsync(CancellationToken.None)).Spec;

        Assert.StartsWith("Installed (distribution artifact unavailable: fetch failed: fetching digest", spec.Distribution.Status, StringComparison.Ordinal);
        Assert.True(Assert.Single(spec.Components!).Ready);
        Assert.Empty(_requested);
    }

    [Theory]
    [InlineData(null, null, "5m", true)]
    [InlineData(null, "5m", "5m", false)]
    [InlineData("disabled", null, null, true)]
    [InlineData(null, null, null, false)]
    public void Updates_trigger_only_on_re_enable_or_interval_change(string? oldReconcile, string? oldEvery, string? newEvery, bool expected)
    {
        static JsonObject With(string? reconcile, string? every)
        {
            var annotations = new JsonObject();
            if (reconcile is not null)
            {
                annotations["fluxcd.controlplane.io/reconcile"] = reconcile;
            }

            if (every is not null)
            {
                annotations["fluxcd.controlplane.io/reconcileArtifactEvery"] = every;
            }

            return new JsonObject { ["metadata"] = new JsonObject { ["name"] = "flux", ["namespace"] = FluxSeed.Namespace, ["annotations"] = annotations } };
        }

        var e = new InformerEvent(InformerEventType.Updated, With(null, newEvery), With(oldReconcile, oldEvery));

        Assert.Equal(expected, Watcher().ShouldTrigger(e));
    }
}
