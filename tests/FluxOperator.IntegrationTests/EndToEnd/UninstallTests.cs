using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Deleting the FluxInstance.</summary>
[Collection(EndToEndCollection.Name)]
public class UninstallTests
{
    [Fact]
    public async Task Deleting_the_instance_uninstalls_flux_and_keeps_the_namespace()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster, extra: "--leader-election-lease-duration=35s");
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);

        // Something Flux "deployed": it is not Flux's own and must survive.
        await cluster.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: flux-system\ndata:\n  a: b\n");

        await cluster.DeleteInstanceAsync();

        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is null, "the FluxInstance is gone", op);
        Assert.Empty(await cluster.DeploymentNamesAsync());
        var crds = await cluster.Client.ListAllAsync(KubeResources.CustomResourceDefinition, null, new ListOptions { LabelSelector = "app.kubernetes.io/part-of=flux" }, CancellationToken.None);
        Assert.Empty(crds.Items);
        Assert.NotNull(await cluster.Client.GetAsync(KubeResources.Namespace, null, "flux-system", CancellationToken.None));
        Assert.NotNull(await cluster.Client.GetAsync(new ResourceType("", "v1", "ConfigMap", "configmaps", true), "flux-system", "app", CancellationToken.None));
        Assert.NotNull(await cluster.Client.GetAsync(KubeResources.CustomResourceDefinition, null, "fluxinstances.fluxcd.controlplane.io", CancellationToken.None));
        var serviceAccounts = await cluster.Client.ListAllAsync(new ResourceType("", "v1", "ServiceAccount", "serviceaccounts", true), "flux-system",
            new ListOptions { LabelSelector = "fluxcd.controlplane.io/name=flux" }, CancellationToken.None);
        Assert.Empty(serviceAccounts.Items);
        Assert.DoesNotContain("flux_instance_info{", await op.MetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_disabled_instance_orphans_flux()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", annotations: "    fluxcd.controlplane.io/reconcile: disabled\n"));
        await Poll.UntilAsync(async () => (await cluster.EventsAsync()).Any(e => Text(e["reason"]) == "ReconciliationDisabled"), "the disabled pass ran", op);

        await cluster.DeleteInstanceAsync();

        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is null, "the FluxInstance is gone", op);
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
    }

    [Fact]
    public async Task A_disabled_instance_ignores_spec_changes_until_resumed_then_prunes()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller, helm-controller]"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]", annotations: "    fluxcd.controlplane.io/reconcile: disabled\n"));
        await Poll.UntilAsync(async () => (await cluster.EventsAsync()).Any(e => Text(e["reason"]) == "ReconciliationDisabled" && Text(e["type"]) == "Warning"
            && Text(e["message"]) == "Reconciliation is disabled"), "the disabled pass ran", op);
        // That event is the whole of the disabled pass (nothing else runs and nothing is requeued), so what it left is final.
        Assert.Contains("helm-controller", await cluster.DeploymentNamesAsync());

        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));

        await Poll.UntilAsync(async () => !(await cluster.DeploymentNamesAsync()).Contains("helm-controller"), "resuming prunes helm-controller", op);
        await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()), "the resumed instance is Ready", op);
    }
}
