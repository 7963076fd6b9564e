using System.Net;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;
using KubeApiEmulator.Simulation;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>What users see when an install cannot succeed.</summary>
[Collection(EndToEndCollection.Name)]
public class FailureTests
{
    [Fact]
    public async Task Invalid_spec_stalls_with_the_field_message_and_applies_nothing()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);

        // Duplicate shard names pass the CRD schema (a real API server accepts them) but can never render.
        await cluster.ApplyAsync(Instance("2.x", extraSpec: "  sharding:\n    shards: [a, a]\n"));

        var stalled = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && Condition(i, "Stalled") is { } s && Text(s["status"]) == "True" ? i : null, "the instance is Stalled", op);
        var ready = Condition(stalled, "Ready")!;
        Assert.Equal("False", Text(ready["status"]));
        Assert.Equal("BuildFailed", Text(ready["reason"]));
        Assert.StartsWith("build failed: ", Text(ready["message"]));
        Assert.Contains("spec.sharding.shards", Text(ready["message"]), StringComparison.Ordinal);
        Assert.Equal("BuildFailed", Text(Condition(stalled, "Stalled")!["reason"]));
        Assert.Null(Condition(stalled, "Reconciling"));
        Assert.Empty(await cluster.DeploymentNamesAsync());
        Assert.Empty(InventoryIds(stalled));
        Assert.Equal("BuildFailed", Text(Assert.Single(stalled["status"]!["history"]!.AsArray())!["lastReconciledStatus"]));

        // Terminal: the pass ended as a terminal error, which the work queue never retries (no retry storm while
        // nothing changes); only a new event brings the instance back.
        var resourceVersion = Text(stalled["metadata"]!["resourceVersion"]);
        await Poll.UntilAsync(async () => await op.MetricSumAsync("controller_runtime_terminal_reconcile_errors_total", "fluxinstance") == 1, "the stalled pass ended as terminal", op);
        Assert.Equal(resourceVersion, Text((await cluster.InstanceAsync())!["metadata"]!["resourceVersion"]));

        // Fixing the spec (removing sharding) is a generation change: Stalled goes at once and the install proceeds
        // without shards. A merge patch removes the whole map; an apply that merely omits it would keep the server-set
        // default sharding.key, which no manager owns, and the API server would then reject the leftover map.
        await cluster.Client.PatchAsync(E2eCluster.Instances, E2eCluster.Namespace, "flux", PatchType.Merge,
            JsonNode.Parse("""{"spec":{"sharding":null,"components":["source-controller","kustomize-controller"]}}""")!, "e2e-test", CancellationToken.None);
        var fixedUp = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the fixed instance is Ready", op);
        Assert.Null(Condition(fixedUp, "Stalled"));
        Assert.False(fixedUp["spec"]!.AsObject().ContainsKey("sharding"));
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
    }

    [Fact]
    public async Task Spec_the_api_server_rejects_never_reaches_the_operator()
    {
        await using var cluster = await E2eCluster.StartAsync();

        // The CRD's schema and CEL rules are enforced at the API: the write fails with every problem, nothing is stored.
        var rejected = await Assert.ThrowsAsync<KubeApiException>(() => cluster.ApplyAsync(Instance("2.x", extraSpec: "  wait: \"yes\"\n  cluster:\n    type: mars\n")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.StartsWith("FluxInstance.fluxcd.controlplane.io \"flux\" is invalid: [", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("spec.cluster.type: Unsupported value: \"mars\": supported values: \"kubernetes\", \"openshift\", \"aws\", \"azure\", \"gcp\"", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("spec.wait: Invalid value: \"string\": spec.wait in body must be of type boolean: \"string\"", rejected.Message, StringComparison.Ordinal);

        var misnamed = await Assert.ThrowsAsync<KubeApiException>(() => cluster.ApplyAsync(Instance("2.x").Replace("name: flux", "name: other", StringComparison.Ordinal)));
        Assert.Equal("FluxInstance.fluxcd.controlplane.io \"other\" is invalid: <nil>: Invalid value: \"object\": the only accepted name for a FluxInstance is 'flux'", misnamed.Message);

        Assert.Null(await cluster.InstanceAsync());
        Assert.Null(await cluster.Client.GetAsync(E2eCluster.Instances, E2eCluster.Namespace, "other", CancellationToken.None));
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Deployment_kept_unready_fails_with_the_timeout_naming_it()
    {
        await using var cluster = await E2eCluster.StartAsync();
        cluster.Knobs.SetDeploymentMode("flux-system", "source-controller", DeploymentMode.Unready);
        await using var op = OperatorProcess.Start(cluster);

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", annotations: "    fluxcd.controlplane.io/reconcileTimeout: 2s\n"));

        var failed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i, "False", "ReconciliationFailed") ? i : null, "the health check fails", op);
        var message = Text(Condition(failed, "Ready")!["message"])!;
        Assert.StartsWith("reconciliation failed: timeout waiting for: [", message);
        Assert.Contains("Deployment/flux-system/source-controller status: 'InProgress'", message, StringComparison.Ordinal);
        Assert.DoesNotContain("kustomize-controller status", message, StringComparison.Ordinal);
        Assert.Equal("ProgressingWithRetry", Text(Condition(failed, "Reconciling")!["reason"]));
        Assert.Null(Condition(failed, "Stalled"));
        var status = failed["status"]!;
        Assert.Null(status["lastAppliedRevision"]);
        Assert.NotNull(status["lastAttemptedRevision"]);
        Assert.Contains("flux-system_source-controller_apps_Deployment", InventoryIds(failed));
        Assert.Equal("ReconciliationFailed", Text(status["history"]![0]!["lastReconciledStatus"]));

        // Once the Deployment becomes available the retry succeeds.
        cluster.Knobs.SetDeploymentMode("flux-system", "source-controller", DeploymentMode.Healthy);
        await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()), "the retried pass succeeds", op);
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Injected_server_errors_and_conflicts_are_retried_until_the_install_converges()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        cluster.Knobs.Faults.FailNext("PATCH", "/apis/apps/v1/namespaces/flux-system/deployments", times: 3, statusCode: 500);
        cluster.Knobs.Faults.FailNext("PATCH", "/apis/fluxcd.controlplane.io/v1/namespaces/flux-system/fluxinstances/flux/status", times: 2, statusCode: 409);
        cluster.Knobs.Faults.FailNext("GET", "/api/v1/namespaces/flux-system/serviceaccounts", times: 2, statusCode: 503);

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));

        var ready = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance converges", op);
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
        Assert.Contains("flux-system_source-controller_apps_Deployment", InventoryIds(ready));
    }

    [Fact]
    public async Task Minor_downgrade_is_refused_and_leaves_the_installed_version_alone()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.4.x", "[source-controller, kustomize-controller]"));
        var installed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "v2.4 is Ready", op);

        await cluster.ApplyAsync(Instance("2.3.x", "[source-controller, kustomize-controller]"));

        var refused = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i, "False", "BuildFailed") ? i : null, "the downgrade is refused", op);
        Assert.Equal("build failed: downgrading from v2.4.0 to v2.3.0 is not supported, reinstall needed", Text(Condition(refused, "Ready")!["message"]));
        Assert.Equal("True", Text(Condition(refused, "Stalled")!["status"]));
        Assert.Equal(Text(installed["status"]!["lastAppliedRevision"]), Text(refused["status"]!["lastAppliedRevision"]));
        var image = (await cluster.DeploymentAsync("source-controller"))!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Contains(":v1.4", image, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Spec_change_during_a_health_wait_cancels_it_and_starts_a_new_pass()
    {
        await using var cluster = await E2eCluster.StartAsync();
        cluster.Knobs.SetDeploymentMode("flux-system", "source-controller", DeploymentMode.Unready);
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
        // The health wait has begun once the checker reads the Deployment after its real (not dry-run) apply.
        await Poll.UntilAsync(() => Task.FromResult(HealthCheckReadAfterApply(cluster, "/apis/apps/v1/namespaces/flux-system/deployments/source-controller")),
            "the install is waiting for health", op);

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller, helm-controller]"));

        await Poll.UntilAsync(async () => (await cluster.EventsAsync()).Any(e => Text(e["reason"]) == "HealthCheckCanceled"
            && Text(e["message"]) == "Health checks canceled due to new reconciliation triggered by FluxInstance/flux-system/flux"), "the wait is canceled", op, TimeSpan.FromSeconds(15));
        await Poll.UntilAsync(async () => await cluster.DeploymentAsync("helm-controller") is not null, "the new pass applies the new spec", op, TimeSpan.FromSeconds(15));
    }

    private static bool HealthCheckReadAfterApply(E2eCluster cluster, string path)
    {
        var records = cluster.Knobs.Requests.Records.ToList();
        var applied = records.FindLastIndex(r => r.Method == "PATCH" && r.Path == path && !r.Query.Contains("dryRun", StringComparison.Ordinal));
        return applied >= 0 && records.Skip(applied + 1).Any(r => r.Method == "GET" && r.Path == path);
    }
}
