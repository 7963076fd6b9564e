using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using KubeApiEmulator.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace FluxOperator.IntegrationTests.Apply;

public class HealthCheckerTests
{
    private static readonly HealthCheckOptions Spec = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task The_timeout_runs_on_the_injected_clock()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Unready);
        var entries = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory().Entries;
        var time = new FakeTimeProvider();

        var wait = new HealthChecker(cluster.Client, time).WaitAsync(entries, Spec, null, CancellationToken.None);
        var advanced = await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(10));

        var error = await Assert.ThrowsAsync<ApplyException>(() => wait);
        Assert.StartsWith("timeout waiting for: [Deployment/apps/web status: 'InProgress']", error.Message, StringComparison.Ordinal);
        Assert.InRange(advanced, Spec.Timeout, Spec.Timeout + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_deployment_that_becomes_ready_during_the_wait_passes()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Unready);
        var entries = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory().Entries;
        var time = new FakeTimeProvider();
        var wait = new HealthChecker(cluster.Client, time).WaitAsync(entries, Spec, null, CancellationToken.None);
        await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(1));
        Assert.False(wait.IsCompleted);

        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Healthy);
        var advanced = await AdvanceUntilDoneAsync(time, wait, TimeSpan.FromMinutes(10));

        await wait;
        Assert.True(advanced < TimeSpan.FromMinutes(4));
    }

    [Fact]
    public async Task Cancellation_abandons_the_wait()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SetDeploymentMode("apps", "web", DeploymentMode.Unready);
        var entries = new[] { new InventoryEntry(new ObjectId("apps", "web", "apps", "Deployment"), "v1") };
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var wait = new HealthChecker(cluster.Client, new FakeTimeProvider()).WaitAsync(entries, Spec, null, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
    }

    [Fact]
    public async Task Waiting_for_deletion_ends_when_the_objects_are_gone_or_names_the_survivors()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var entries = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory().Entries
            .Where(e => e.Id.Kind is "Deployment" or "CustomResourceDefinition").ToArray();
        var checker = new HealthChecker(cluster.Client, TimeProvider.System);
        var quick = new HealthCheckOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(300));

        var survivors = await checker.WaitForDeletionAsync(entries, quick, CancellationToken.None);
        Assert.Equal(["CustomResourceDefinition/widgets.example.com", "Deployment/apps/web"], survivors.Order(StringComparer.Ordinal));

        foreach (var entry in entries)
        {
            var type = await cluster.Client.Mapper.MapAsync(new Controllers.Primitives.GroupVersionKind(entry.Id.Group, entry.Version, entry.Id.Kind), CancellationToken.None);
            await cluster.Client.DeleteAsync(type, entry.Id.Namespace.Length == 0 ? null : entry.Id.Namespace, entry.Id.Name, null, CancellationToken.None);
        }

        Assert.Empty(await checker.WaitForDeletionAsync(entries, quick with { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None));
    }

    [Fact]
    public async Task Flux_objects_that_are_not_ready_add_their_ready_message_to_the_error()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.SeedYaml("""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: gitrepositories.source.toolkit.fluxcd.io}
            spec:
              group: source.toolkit.fluxcd.io
              scope: Namespaced
              names: {plural: gitrepositories, singular: gitrepository, kind: GitRepository, listKind: GitRepositoryList}
              versions: [{name: v1, served: true, storage: true, subresources: {status: {}}}]
            ---
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata: {name: flux-system, namespace: flux-system}
            spec: {url: "https://example.com/repo"}
            status:
              conditions: [{type: Ready, status: "False", reason: AuthenticationFailed, message: "authentication required"}]
            """);
        var entries = new[]
        {
            new InventoryEntry(new ObjectId("", "gitrepositories.source.toolkit.fluxcd.io", "apiextensions.k8s.io", "CustomResourceDefinition"), "v1"),
            new InventoryEntry(new ObjectId("flux-system", "flux-system", "source.toolkit.fluxcd.io", "GitRepository"), "v1"),
            new InventoryEntry(new ObjectId("", "missing", "rbac.authorization.k8s.io", "ClusterRole"), "v1"),
        };

        var error = await Assert.ThrowsAsync<ApplyException>(() => new HealthChecker(cluster.Client, TimeProvider.System)
            .WaitAsync(entries, new HealthCheckOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200)), null, CancellationToken.None));

        Assert.Equal(
            "timeout waiting for: [ClusterRole/missing status: 'NotFound', GitRepository/flux-system/flux-system status: 'InProgress']\n" +
            "GitRepository/flux-system/flux-system status: authentication required\n",
            error.Message);
    }

    // Moves the fake clock one poll interval at a time (yielding so the checker reaches its next delay) until the wait ends.
    private static async Task<TimeSpan> AdvanceUntilDoneAsync(FakeTimeProvider time, Task wait, TimeSpan limit)
    {
        var advanced = TimeSpan.Zero;
        while (!wait.IsCompleted && advanced < limit)
        {
            await Task.WhenAny(wait, Task.Delay(20));
            if (wait.IsCompleted)
            {
                break;
            }

            time.Advance(Spec.Interval);
            advanced += Spec.Interval;
        }

        return advanced;
    }
}
