using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>The report computed against the emulator seeded from <see cref="FluxSeed"/>.</summary>
public sealed class ReportCollectorTests : IAsyncLifetime
{
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync();
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
        _api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = FluxSeed.Namespace } });
    }

    public async Task DisposeAsync()
    {
        _kubernetes.Dispose();
        await _api.DisposeAsync();
    }

    private ReportCollector Collector(ArtifactHealth? health = null, int pageSize = 100) =>
        new(_client, new ReportOptions { Namespace = FluxSeed.Namespace, PageSize = pageSize, OperatorVersion = "v9.9.9" }, health);

    [Fact]
    public async Task Counts_of_two_thousand_seeded_objects_match_the_description_exactly()
    {
        FluxSeed.SeedCrds(_api);
        FluxSeed.SeedObjects(_api);
        _api.Seed(ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok")));
        _api.SeedYaml("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata: {name: ready, namespace: flux-system}
            spec: {resources: []}
            status: {conditions: [{type: Ready, status: "True", reason: ReconciliationSucceeded, message: ok, lastTransitionTime: "2026-01-01T00:00:00Z"}]}
            ---
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata: {name: failing, namespace: flux-system}
            spec: {resources: []}
            status: {conditions: [{type: Ready, status: "False", reason: BuildFailed, message: bad, lastTransitionTime: "2026-01-01T00:00:00Z"}]}
            ---
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata: {name: paused, namespace: flux-system, annotations: {fluxcd.controlplane.io/reconcile: disabled}}
            spec: {resources: []}
            """);
        _api.Requests.Clear();

        var result = await Collector(pageSize: 100).ComputeAsync(CancellationToken.None);

        Assert.Empty(result.Errors);
        var reconcilers = result.Spec.Reconcilers!;
        Assert.Equal(2000, FluxSeed.Kinds.Sum(k => k.Count));
        foreach (var kind in FluxSeed.Kinds)
        {
            var indexes = Enumerable.Range(0, kind.Count).ToArray();
            var suspended = indexes.Count(FluxSeed.IsSuspended);
            var failing = indexes.Count(i => !FluxSeed.IsSuspended(i) && FluxSeed.IsFailed(i));
            var entry = Assert.Single(reconcilers, r => r.ApiVersion == kind.ApiVersion && r.Kind == kind.Kind);
            Assert.Equal((kind.Count - suspended, failing, suspended), (entry.Stats.Running, entry.Stats.Failing, entry.Stats.Suspended));
        }

        var instance = Assert.Single(reconcilers, r => r.Kind == "FluxInstance");
        Assert.Equal((1, 0, 0, (string?)null), (instance.Stats.Running, instance.Stats.Failing, instance.Stats.Suspended, instance.Stats.TotalSize));
        var sets = Assert.Single(reconcilers, r => r.Kind == "ResourceSet");
        Assert.Equal((2, 1, 1), (sets.Stats.Running, sets.Stats.Failing, sets.Stats.Suspended));
        // Providers are not served by this operator's CRDs yet: absent, not an error.
        Assert.DoesNotContain(reconcilers, r => r.Kind == "ResourceSetInputProvider");
        var expectedOrder = FluxSeed.Kinds.Select(k => k.ApiVersion + k.Kind).Append("fluxcd.controlplane.io/v1FluxInstance").Append("fluxcd.controlplane.io/v1ResourceSet").Order(StringComparer.Ordinal);
        Assert.Equal(expectedOrder, reconcilers.Select(r => r.ApiVersion + r.Kind));
        // One flux_resource_info series per Flux object, none for the operator's own kinds.
        Assert.Equal(2000, result.Resources.Count);
        // Page size 100: the 500 Kustomizations take five pages, never one big list.
        Assert.Equal(5, _api.Requests.Count("list", "kustomizations"));
    }

    [Theory]
    // sizes by hand: 300 × 4 KiB = 1.171875 MiB; 200 × 512 B = 100 KiB; 250 × 3 B; 150 × 1 MiB; no artifacts at all.
    [InlineData("GitRepository", "1.2 MiB")]
    [InlineData("OCIRepository", "100.0 KiB")]
    [InlineData("HelmChart", "750 B")]
    [InlineData("HelmRepository", "150.0 MiB")]
    [InlineData("Bucket", null)]
    [InlineData("Kustomization", null)]
    public async Task Artifact_sizes_are_summed_per_kind(string kind, string? totalSize)
    {
        FluxSeed.SeedCrds(_api);
        FluxSeed.SeedObjects(_api);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.Equal(totalSize, Assert.Single(result.Spec.Reconcilers!, r => r.Kind == kind).Stats.TotalSize);
    }

    [Fact]
    public async Task Disabled_operator_objects_count_as_suspended_and_failing_ones_as_failing()
    {
        FluxSeed.SeedCrds(_api);
        var instance = ReportObjects.Instance(ReportObjects.Ready("False", "ReconciliationFailed", "reconciliation failed: boom"));
        instance["metadata"]!["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcile"] = "Disabled" };
        _api.Seed(instance);
        var other = ReportObjects.Instance(ReportObjects.Ready("False", "BuildFailed", "x"));
        other["metadata"]!["namespace"] = "default";
        _api.Seed(other);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        var stats = Assert.Single(result.Spec.Reconcilers!, r => r.Kind == "FluxInstance").Stats;
        Assert.Equal((1, 1, 1), (stats.Running, stats.Failing, stats.Suspended));
    }

    [Fact]
    public async Task Installation_fields_come_from_the_crd_labels_deployments_nodes_and_the_sync_objects()
    {
        FluxSeed.SeedCrds(_api, fluxVersion: "v2.7.3");
        for (var n = 0; n < 3; n++)
        {
            _api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Node", ["metadata"] = new JsonObject { ["name"] = $"node-{n}" } });
        }

        _api.Seed(ReportObjects.Deployment("source-controller", "ghcr.io/fluxcd/source-controller:v1.7.0", ready: true));
        _api.Seed(ReportObjects.Deployment("kustomize-controller", "ghcr.io/fluxcd/kustomize-controller:v1.7.0", ready: false));
        _api.Seed(ReportObjects.Deployment("unrelated", "nginx", ready: true, partOfFlux: false));
        _api.Seed(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "flux-operator-entitlement", ["namespace"] = FluxSeed.Namespace },
            ["stringData"] = new JsonObject { ["token"] = "t0ken", ["vendor"] = "controlplane" },
        });
        var instance = ReportObjects.Instance(ReportObjects.Ready("True", "ReconciliationSucceeded", "ok"));
        instance["spec"]!["sync"] = new JsonObject { ["kind"] = "GitRepository", ["url"] = "https://example.com/fleet.git", ["ref"] = "refs/heads/main", ["path"] = "clusters/prod", ["name"] = "fleet" };
        _api.Seed(instance);
        var kustomization = FluxSeed.Object(FluxSeed.Kinds[0], 4);
        kustomization["metadata"] = new JsonObject { ["name"] = "fleet", ["namespace"] = FluxSeed.Namespace };
        kustomization["spec"] = new JsonObject { ["path"] = "clusters/prod", ["suspend"] = true, ["sourceRef"] = new JsonObject { ["kind"] = "GitRepository", ["name"] = "other" } };
        kustomization["status"] = new JsonObject { ["conditions"] = new JsonArray(FluxSeed.Condition("True", "ReconciliationSucceeded", "Applied revision: main@sha1:1")) };
        var source = FluxSeed.Object(FluxSeed.Kinds[2], 4);
        source["metadata"] = new JsonObject { ["name"] = "fleet", ["namespace"] = FluxSeed.Namespace };
        source["spec"] = new JsonObject { ["url"] = "https://example.com/fleet.git" };
        source["status"] = new JsonObject { ["conditions"] = new JsonArray(FluxSeed.Condition("False", "GitOperationFailed", "auth failed")) };
        _api.Seed(kustomization, source);

        var spec = (await Collector().ComputeAsync(CancellationToken.None)).Spec;

        Assert.Equal(("Installed", "v2.7.3", "flux-operator", "Issued by controlplane"),
            (spec.Distribution.Status, spec.Distribution.Version, spec.Distribution.ManagedBy, spec.Distribution.Entitlement));
        Assert.Equal(("v1.33.0", "linux/amd64", (int?)3), (spec.Cluster!.ServerVersion, spec.Cluster.Platform, spec.Cluster.Nodes));
        Assert.Equal(["kustomize-controller", "source-controller"], spec.Components!.Select(c => c.Name));
        var unready = spec.Components![0];
        Assert.False(unready.Ready);
        Assert.StartsWith("InProgress ", unready.Status, StringComparison.Ordinal);
        var ready = spec.Components[1];
        Assert.Equal((true, "Current Deployment is available. Replicas: 1", "ghcr.io/fluxcd/source-controller:v1.7.0"), (ready.Ready, ready.Status, ready.Image));
        var sync = spec.Sync!;
        Assert.Equal(("kustomization/fleet", "clusters/prod", "https://example.com/fleet.git", false), (sync.Id, sync.Path, sync.Source, sync.Ready));
        Assert.Equal("Suspended Applied revision: main@sha1:1\nauth failed", sync.Status);
        Assert.Equal(("v9.9.9", "fluxcd.controlplane.io/v1"), (spec.Operator!.Version, spec.Operator.ApiVersion));
    }

    [Theory]
    [InlineData("flux-operator", false, null, "flux-operator", "Issued")]
    [InlineData(null, true, "aws", "flux bootstrap", "Issued by aws")]
    [InlineData(null, false, null, null, "Issued")]
    public async Task Manager_and_entitlement_are_read_from_labels_and_the_secret(string? managedByLabel, bool bootstrapLabel, string? vendor, string? managedBy, string entitlement)
    {
        var crd = FluxSeed.Crd(FluxSeed.Kinds[2], "v2.6.4", managedByLabel);
        if (bootstrapLabel)
        {
            crd["metadata"]!["labels"]!["kustomize.toolkit.fluxcd.io/name"] = "flux-system";
        }

        _api.Seed(crd);
        var data = new JsonObject { ["token"] = "t" };
        if (vendor is not null)
        {
            data["vendor"] = vendor;
        }

        _api.Seed(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "flux-operator-entitlement", ["namespace"] = FluxSeed.Namespace },
            ["stringData"] = data,
        });

        var distribution = (await Collector().ComputeAsync(CancellationToken.None)).Spec.Distribution;

        Assert.Equal(("Installed", "v2.6.4", managedBy, entitlement), (distribution.Status, distribution.Version, distribution.ManagedBy, distribution.Entitlement));
    }

    [Fact]
    public async Task OpenShift_is_detected_from_its_api_groups()
    {
        FluxSeed.SeedCrds(_api);
        var openShift = FluxSeed.Crd(new SeedKind("config.openshift.io", "v1", "ClusterVersion", 0), "n/a", managedBy: null);
        openShift["metadata"]!["labels"] = new JsonObject(); // not a Flux CRD
        _api.Seed(openShift);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.True(result.Cluster!.IsOpenShift);
        Assert.Equal("openshift", result.Cluster.Flavor);
        Assert.DoesNotContain(result.Spec.Reconcilers!, r => r.Kind == "ClusterVersion");
    }

    [Fact]
    public async Task Cluster_without_flux_gets_distribution_cluster_and_operator_only()
    {
        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.Equal(["failed to list CRDs: no Flux CRDs found"], result.Errors);
        Assert.Equal(("Not Installed", "Unknown"), (result.Spec.Distribution.Status, result.Spec.Distribution.Entitlement));
        Assert.NotNull(result.Spec.Cluster);
        Assert.NotNull(result.Spec.Operator);
        Assert.Null(result.Spec.Components);
        Assert.Null(result.Spec.Reconcilers);
        Assert.False(result.Cluster!.IsOpenShift);
    }

    [Fact]
    public async Task Failing_artifact_pull_shows_in_the_distribution_status_and_the_installation_stays()
    {
        FluxSeed.SeedCrds(_api);
        _api.Seed(ReportObjects.Deployment("source-controller", "ghcr.io/fluxcd/source-controller:v1.7.0", ready: true));
        _api.Seed(ReportObjects.Instance(ReportObjects.Ready("False", "ArtifactFailed", "fetch failed: pulling artifact oci://127.0.0.1:1/x:latest failed: connection refused")));

        var spec = (await Collector().ComputeAsync(CancellationToken.None)).Spec;

        Assert.StartsWith("Installed (distribution artifact unavailable: fetch failed: pulling artifact oci://127.0.0.1:1/x:latest", spec.Distribution.Status, StringComparison.Ordinal);
        Assert.True(Assert.Single(spec.Components!).Ready);
    }

    [Fact]
    public async Task Failing_list_of_one_kind_omits_reconcilers_but_keeps_the_other_counts_for_metrics()
    {
        FluxSeed.SeedCrds(_api);
        FluxSeed.SeedObjects(_api);
        _api.Faults.FailNext("GET", "^/apis/helm.toolkit.fluxcd.io/v2/helmreleases", times: 1, statusCode: 500);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.StartsWith("failed to compute reconcilers: HelmRelease:", Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null(result.Spec.Reconcilers);
        Assert.Null(result.Spec.Sync);
        Assert.Contains(result.Reconcilers, r => r.Kind == "Kustomization" && r.Stats.Running > 0);
        Assert.DoesNotContain(result.Reconcilers, r => r.Kind == "HelmRelease");
    }

    [Theory]
    [InlineData(403)]
    [InlineData(500)]
    public async Task Unreadable_flux_crd_reads_as_unknown_with_the_reason_not_as_not_installed(int statusCode)
    {
        FluxSeed.SeedCrds(_api);
        _api.Faults.FailNext("GET", "^/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gitrepositories.source.toolkit.fluxcd.io$", times: 1, statusCode);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        const string Error = "failed to read CustomResourceDefinition gitrepositories.source.toolkit.fluxcd.io: ";
        Assert.StartsWith("Unknown (" + Error, result.Spec.Distribution.Status, StringComparison.Ordinal);
        Assert.StartsWith(Error, Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.NotNull(result.Spec.Reconcilers); // the other steps still ran
    }

    [Fact]
    public async Task Unreadable_entitlement_secret_and_instance_are_reported_not_taken_for_absent()
    {
        FluxSeed.SeedCrds(_api);
        _api.Faults.FailNext("GET", "^/api/v1/namespaces/flux-system/secrets/flux-operator-entitlement$", times: 1, statusCode: 403);
        _api.Faults.FailNext("GET", "^/apis/fluxcd.controlplane.io/v1/namespaces/flux-system/fluxinstances/flux$", times: 1, statusCode: 500);

        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.Equal("Installed", result.Spec.Distribution.Status);
        Assert.StartsWith("Unknown (failed to read Secret flux-system/flux-operator-entitlement: ", result.Spec.Distribution.Entitlement, StringComparison.Ordinal);
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("failed to read FluxInstance flux-system/flux: ", result.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("failed to read Secret flux-system/flux-operator-entitlement: ", result.Errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Absent_crd_secret_and_instance_are_not_errors()
    {
        FluxSeed.SeedCrds(_api);
        _api.Delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gitrepositories.source.toolkit.fluxcd.io");

        var result = await Collector().ComputeAsync(CancellationToken.None);

        Assert.Equal(("Not Installed", "Unknown"), (result.Spec.Distribution.Status, result.Spec.Distribution.Entitlement));
        Assert.Empty(result.Errors);
    }
}
