using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using KubeApiEmulator.Simulation;

namespace FluxOperator.IntegrationTests.Apply;

public class ServerSideApplierTests
{
    private static readonly HealthCheckOptions QuickHealth = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10));

    [Fact]
    public async Task From_scratch_everything_is_created_and_the_crd_is_established_before_its_resources()
    {
        await using var cluster = await ApplyCluster.StartAsync();

        var changes = await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);

        Assert.Equal(
            ["CustomResourceDefinition/widgets.example.com created", "Namespace/apps created", "ConfigMap/apps/settings created",
             "Deployment/apps/web created", "Widget/apps/w1 created"],
            changes.Entries.Select(e => e.ToString()));
        Assert.NotNull(cluster.Api.Get("example.com/v1", "Widget", "apps", "w1"));
        var records = cluster.Api.Requests.Records.ToList();
        var crdChecked = records.FindIndex(r => r.Verb == "get" && r.Resource == "customresourcedefinitions" && r.Path.EndsWith("widgets.example.com", StringComparison.Ordinal));
        var widgetWritten = records.FindIndex(r => r.Resource == "widgets" && r.Verb == "patch");
        Assert.InRange(crdChecked, 0, widgetWritten);
        var deployment = cluster.Api.Get("apps/v1", "Deployment", "apps", "web")!;
        Assert.Equal("TCP", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"]!.ToString());
        Assert.Contains(deployment["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.ToString() == "flux-operator" && m["operation"]!.ToString() == "Apply");

        await cluster.Applier.WaitForHealthAsync(changes, QuickHealth, null, CancellationToken.None);
    }

    [Fact]
    public async Task Reapplying_unchanged_objects_writes_nothing_and_skips_dry_runs_it_can_prove_needless()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);
        var desired = ApplyCluster.Desired();
        var rvBefore = cluster.Api.ResourceVersion;

        // A fresh applier (e.g. after a restart) knows nothing: one GET and one dry-run per object, no write.
        cluster.Api.Requests.Clear();
        var cold = await cluster.NewApplier().ApplyAsync(desired, null, CancellationToken.None);
        Assert.All(cold.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(0, cluster.Writes());
        Assert.Equal(desired.Count, cluster.DryRuns());

        // The same applier remembers what it verified: one GET per object, no dry-run.
        cluster.Api.Requests.Clear();
        var warm = await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);
        Assert.All(warm.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.Equal(0, cluster.DryRuns());
        Assert.Equal(0, cluster.Writes());
        Assert.Equal(desired.Count + 2, cluster.Api.Requests.Count("get")); // plus the stage-1 wait reading the CRD and the Namespace

        // With the live state known from watch caches, a no-op pass (apply and health) sends no request at all.
        var known = await SnapshotAsync(cluster, desired);
        cluster.Api.Requests.Clear();
        var cached = await cluster.Applier.ApplyAsync(desired, known, CancellationToken.None);
        await cluster.Applier.WaitForHealthAsync(cached, QuickHealth, known, CancellationToken.None);
        Assert.All(cached.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
        Assert.DoesNotContain(cluster.Api.Requests.Records, r => r.Verb != "discovery");
        Assert.Equal(rvBefore, cluster.Api.ResourceVersion);
    }

    [Fact]
    public async Task Changing_one_field_configures_only_that_object()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);

        var changes = await cluster.Applier.ApplyAsync(ApplyCluster.Desired(image: "nginx:2"), null, CancellationToken.None);

        var changed = Assert.Single(changes.Changes);
        Assert.Equal("Deployment/apps/web configured", changed.ToString());
        var image = cluster.Api.Get("apps/v1", "Deployment", "apps", "web")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.ToString();
        Assert.Equal("nginx:2", image);
    }

    [Fact]
    public async Task Deleted_and_hand_edited_objects_are_restored_even_with_known_live_state()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var desired = ApplyCluster.Desired();
        await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);
        var configMaps = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("", "v1", "ConfigMap"), CancellationToken.None);
        var deployments = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("apps", "v1", "Deployment"), CancellationToken.None);
        await cluster.Client.PatchAsync(configMaps, "apps", "settings", PatchType.Merge,
            JsonNode.Parse("""{"data":{"value":"edited","extra":"by-hand"}}""")!, "kubectl-edit", CancellationToken.None);
        await cluster.Client.DeleteAsync(deployments, "apps", "web", null, CancellationToken.None);

        var changes = await cluster.Applier.ApplyAsync(desired, await SnapshotAsync(cluster, desired), CancellationToken.None);

        Assert.Equal(["ConfigMap/apps/settings configured", "Deployment/apps/web created"], changes.Changes.Select(e => e.ToString()));
        var data = cluster.Api.Get("v1", "ConfigMap", "apps", "settings")!["data"]!.AsObject();
        Assert.Equal("one", data["value"]!.ToString());
        Assert.False(data.ContainsKey("extra")); // kubectl's field was taken over, then dropped by our apply
        Assert.NotNull(cluster.Api.Get("apps/v1", "Deployment", "apps", "web"));
    }

    [Fact]
    public async Task Health_reads_written_objects_fresh_even_when_the_cache_still_shows_them_ready()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var desired = ApplyCluster.Desired();
        await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);
        var stale = await SnapshotAsync(cluster, desired); // healthy at generation 1
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Unready);

        var changes = await cluster.Applier.ApplyAsync(ApplyCluster.Desired(image: "nginx:2"), stale, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            cluster.Applier.WaitForHealthAsync(changes, new HealthCheckOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)), stale, CancellationToken.None));

        Assert.Contains("Deployment/apps/web status: 'InProgress'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removed_ownership_labels_come_back_and_fields_of_unrelated_managers_stay()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var desired = ApplyCluster.Desired();
        await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);
        var configMaps = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("", "v1", "ConfigMap"), CancellationToken.None);
        await cluster.Client.PatchAsync(configMaps, "apps", "settings", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"labels":{"fluxcd.controlplane.io/name":null}},"data":{"injected":"by-admission"}}""")!, "vpa-admission", CancellationToken.None);

        var changes = await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);

        Assert.Equal("ConfigMap/apps/settings configured", Assert.Single(changes.Changes).ToString());
        var live = cluster.Api.Get("v1", "ConfigMap", "apps", "settings")!;
        Assert.Equal("flux", live["metadata"]!["labels"]!["fluxcd.controlplane.io/name"]!.ToString());
        Assert.Equal("by-admission", live["data"]!["injected"]!.ToString());
    }

    [Fact]
    public async Task An_unready_deployment_fails_the_health_check_with_a_timeout_naming_it()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Unready);
        var changes = await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            cluster.Applier.WaitForHealthAsync(changes, new HealthCheckOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(600)), null, CancellationToken.None));

        Assert.Equal("timeout waiting for: [Deployment/apps/web status: 'InProgress']\n", error.Message);
    }

    [Fact]
    public async Task A_failed_deployment_ends_the_health_check_early()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Failed);
        var changes = await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            cluster.Applier.WaitForHealthAsync(changes, new HealthCheckOptions(TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(5)), null, CancellationToken.None));

        Assert.StartsWith("failed early due to stalled resources: [Deployment/apps/web status: 'Failed']", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(409, true)]
    [InlineData(422, false)]
    public async Task Injected_api_errors_abort_the_stage_before_any_write_and_are_classified(int code, bool transient)
    {
        await using var cluster = await ApplyCluster.StartAsync();
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);
        cluster.Api.Faults.FailNext("patch", "/namespaces/apps/deployments/web$", 1, code);
        cluster.Api.Requests.Clear();

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            cluster.NewApplier().ApplyAsync(ApplyCluster.Desired(image: "nginx:2", data: "two"), null, CancellationToken.None));

        Assert.StartsWith("Deployment/apps/web dry-run failed", error.Message, StringComparison.Ordinal);
        Assert.Equal(transient, error.IsTransient);
        Assert.Equal(0, cluster.Writes()); // the ConfigMap change of the same stage was not written either

        var retry = await cluster.NewApplier().ApplyAsync(ApplyCluster.Desired(image: "nginx:2", data: "two"), null, CancellationToken.None);
        Assert.Equal(["ConfigMap/apps/settings configured", "Deployment/apps/web configured"], retry.Changes.Select(e => e.ToString()));
    }

    [Fact]
    public async Task With_several_bad_objects_the_first_in_canonical_order_is_reported()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);
        cluster.Api.Faults.FailNext("patch", "/deployments/web$", 1, 422);
        cluster.Api.Faults.FailNext("patch", "/configmaps/settings$", 1, 422);

        var error = await Assert.ThrowsAsync<ApplyException>(() =>
            cluster.NewApplier().ApplyAsync(ApplyCluster.Desired(image: "nginx:2", data: "two"), null, CancellationToken.None));

        Assert.StartsWith("ConfigMap/apps/settings dry-run failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objects_in_missing_or_unspecified_namespaces_fail_with_the_upstream_messages()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var nowhere = ApplyCluster.Owned(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","namespace":"nowhere"}}""")!.AsObject());
        var unplaced = ApplyCluster.Owned(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"}}""")!.AsObject());

        var missing = await Assert.ThrowsAsync<ApplyException>(() => cluster.Applier.ApplyAsync([nowhere], null, CancellationToken.None));
        var unspecified = await Assert.ThrowsAsync<ApplyException>(() => cluster.Applier.ApplyAsync([unplaced], null, CancellationToken.None));

        Assert.StartsWith("ConfigMap/nowhere/x not found: ", missing.Message, StringComparison.Ordinal);
        Assert.StartsWith("ConfigMap/y namespace not specified: ", unspecified.Message, StringComparison.Ordinal);
        Assert.Equal(0, cluster.Writes());
    }

    /// <summary>What label-filtered informers over the desired kinds would hold: every object of those kinds.</summary>
    private static async Task<LiveObjectSnapshot> SnapshotAsync(ApplyCluster cluster, IReadOnlyList<JsonObject> desired)
    {
        var kinds = desired.Select(ObjectId.Of).Select(i => (i.Group, i.Kind)).Distinct().ToArray();
        var live = new List<JsonObject>();
        foreach (var obj in desired.DistinctBy(o => (o["apiVersion"]!.ToString(), o["kind"]!.ToString())))
        {
            var type = await cluster.Client.Mapper.MapAsync(obj, CancellationToken.None);
            live.AddRange((await cluster.Client.ListAllAsync(type, null, null, CancellationToken.None)).Items);
        }

        return new LiveObjectSnapshot(live, kinds);
    }
}
