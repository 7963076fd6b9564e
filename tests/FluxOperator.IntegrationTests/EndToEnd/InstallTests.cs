using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Install, upgrade and garbage collection through the real executable.</summary>
[Collection(EndToEndCollection.Name)]
public class InstallTests
{
    [Fact]
    public async Task Fresh_install_with_wait_becomes_ready_with_status_events_and_metrics()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x"));

        var ready = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);

        var status = ready["status"]!.AsObject();
        Assert.Equal("ReconciliationSucceeded", Text(Condition(ready, "Ready")!["reason"]));
        Assert.StartsWith("Reconciliation finished in ", Text(Condition(ready, "Ready")!["message"]));
        Assert.Null(Condition(ready, "Reconciling"));
        Assert.Null(Condition(ready, "Stalled"));
        Assert.Matches("^v2\\.9\\.4@sha256:[0-9a-f]{64}$", Text(status["lastAppliedRevision"]));
        Assert.Equal(Text(status["lastAttemptedRevision"]), Text(status["lastAppliedRevision"]));
        Assert.False(status.ContainsKey("lastArtifactRevision"));
        Assert.Equal(
            ["source-controller", "kustomize-controller", "helm-controller", "notification-controller"],
            status["components"]!.AsArray().Select(c => Text(c!["name"])));
        Assert.All(status["components"]!.AsArray(), c => Assert.Equal($"ghcr.io/fluxcd/{Text(c!["name"])}", Text(c["repository"])));
        var ids = InventoryIds(ready);
        Assert.Contains("flux-system_source-controller_apps_Deployment", ids);
        Assert.Contains("flux-system_allow-egress_networking.k8s.io_NetworkPolicy", ids);
        Assert.Contains("_cluster-reconciler-flux-system_rbac.authorization.k8s.io_ClusterRoleBinding", ids);
        var history = Assert.Single(status["history"]!.AsArray())!;
        Assert.Equal("ReconciliationSucceeded", Text(history["lastReconciledStatus"]));
        Assert.Equal("v2.9.4", Text(history["metadata"]!["flux"]));
        Assert.Equal(Text(status["lastAppliedRevision"])!.Split('@')[1], Text(history["digest"]));

        // Every rendered Deployment runs and carries the ownership labels; the namespace is protected from pruning.
        Assert.Equal(["helm-controller", "kustomize-controller", "notification-controller", "source-controller"], await cluster.DeploymentNamesAsync());
        var deployment = (await cluster.DeploymentAsync("source-controller"))!;
        Assert.Equal("flux", Text(deployment["metadata"]!["labels"]!["fluxcd.controlplane.io/name"]));
        Assert.Equal("flux-system", Text(deployment["metadata"]!["labels"]!["fluxcd.controlplane.io/namespace"]));
        var ns = await cluster.Client.GetAsync(FluxOperator.Controllers.Primitives.KubeResources.Namespace, null, "flux-system", CancellationToken.None);
        Assert.Equal("disabled", Text(ns!["metadata"]!["annotations"]!["fluxcd.controlplane.io/prune"]));

        var events = await cluster.EventsAsync();
        Assert.Contains(events, e => Text(e["reason"]) == "Progressing" && Text(e["message"])!.StartsWith("Installing revision v2.9.4@sha256:", StringComparison.Ordinal));
        Assert.Contains(events, e => Text(e["reason"]) == "ReconciliationSucceeded" && Text(e["message"])!.StartsWith("Flux v2.9.4 installed\n", StringComparison.Ordinal)
            && Text(e["message"])!.Contains("Deployment/flux-system/source-controller created", StringComparison.Ordinal));
        Assert.Contains(events, e => Text(e["reason"]) == "ReconciliationSucceeded" && Text(e["message"])!.StartsWith("Reconciliation finished in ", StringComparison.Ordinal)
            && Text(e["metadata"]!["annotations"]!["fluxcd.controlplane.io/revision"]) == Text(status["lastAppliedRevision"]));

        Assert.Equal("ok", await op.ReadyzAsync());
        var metrics = await op.MetricsAsync();
        var series = metrics.Split('\n').Where(l => l.StartsWith("flux_instance_info{", StringComparison.Ordinal)).ToArray();
        var line = Assert.Single(series);
        Assert.Contains("ready=\"True\"", line, StringComparison.Ordinal);
        Assert.Contains("reason=\"ReconciliationSucceeded\"", line, StringComparison.Ordinal);
        Assert.Contains($"revision=\"{Text(status["lastAppliedRevision"])}\"", line, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_total{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_constraint_upgrades_to_the_next_minor_and_migrates_stored_versions()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.3.x", "[source-controller, kustomize-controller]"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "v2.3 is Ready", op);
        await cluster.ApplyAsync("""
            apiVersion: source.toolkit.fluxcd.io/v1beta2
            kind: Bucket
            metadata:
              name: data
              namespace: flux-system
            spec:
              bucketName: data
              endpoint: minio.example.com
              interval: 1h
            """);

        await cluster.ApplyAsync(Instance("2.4.x", "[source-controller, kustomize-controller]"));

        var upgraded = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastAppliedRevision"])!.StartsWith("v2.4.0@", StringComparison.Ordinal) ? i : null, "v2.4.0 is applied", op);
        var history = upgraded["status"]!["history"]!.AsArray();
        Assert.Equal(["v2.4.0", "v2.3.0"], history.Select(h => Text(h!["metadata"]!["flux"])));
        var events = await cluster.EventsAsync();
        Assert.Contains(events, e => Text(e["reason"]) == "Progressing" && Text(e["message"])!.StartsWith("Upgrading to revision v2.4.0@", StringComparison.Ordinal));
        Assert.Contains(events, e => Text(e["message"])!.StartsWith("Flux v2.4.0 updated\n", StringComparison.Ordinal));
        var image = (await cluster.DeploymentAsync("source-controller"))!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.Contains(":v1.4", image, StringComparison.Ordinal);

        // The minor upgrade forces the migration: custom resources are rewritten at the new storage version (v1)
        // and every Flux CRD then stores only its storage version.
        var bucket = await cluster.Client.GetAsync(new FluxOperator.Controllers.Primitives.ResourceType("source.toolkit.fluxcd.io", "v1", "Bucket", "buckets", true),
            "flux-system", "data", CancellationToken.None);
        Assert.All(bucket!["metadata"]!["managedFields"]!.AsArray(), m => Assert.Equal("source.toolkit.fluxcd.io/v1", Text(m!["apiVersion"])));
        var crds = await cluster.Client.ListAllAsync(FluxOperator.Controllers.Primitives.KubeResources.CustomResourceDefinition, null,
            new FluxOperator.Controllers.Runtime.Kube.ListOptions { LabelSelector = "app.kubernetes.io/part-of=flux" }, CancellationToken.None);
        Assert.NotEmpty(crds.Items);
        Assert.All(crds.Items, crd =>
        {
            var storage = crd["spec"]!["versions"]!.AsArray().First(v => v!["storage"]!.GetValue<bool>())!["name"]!.GetValue<string>();
            Assert.Equal([storage], crd["status"]!["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));
        });
    }

    [Fact]
    public async Task Removing_a_component_prunes_its_objects()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);
        Assert.NotNull(await cluster.DeploymentAsync("helm-controller"));

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", extraSpec: "  cluster:\n    networkPolicy: false\n"));

        var pruned = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the smaller instance is Ready", op);
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
        var ids = InventoryIds(pruned);
        Assert.DoesNotContain("flux-system_helm-controller_apps_Deployment", ids);
        Assert.DoesNotContain("flux-system_allow-egress_networking.k8s.io_NetworkPolicy", ids);
        Assert.DoesNotContain(ids, id => id.Contains("helmreleases.helm.toolkit.fluxcd.io", StringComparison.Ordinal));
        Assert.Equal(2, pruned["status"]!["components"]!.AsArray().Count);
        var events = await cluster.EventsAsync();
        Assert.Contains(events, e => Text(e["message"])!.StartsWith("Flux v2.9.4 updated\n", StringComparison.Ordinal)
            && Text(e["message"])!.Contains("Deployment/flux-system/helm-controller deleted", StringComparison.Ordinal));
    }
}
