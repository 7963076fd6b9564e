using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Two replicas: one leader reconciles; killing it hands over to the other.</summary>
[Collection(EndToEndCollection.Name)]
public class LeaderElectionTests
{
    private static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "Lease", "leases", true);

    [Fact]
    public async Task Killing_the_leader_lets_the_standby_take_over_and_converge()
    {
        await using var cluster = await E2eCluster.StartAsync();
        string[] timings = ["--leader-election-lease-duration=4s", "--leader-election-renew-deadline=3s", "--leader-election-retry-period=500ms"];
        await using var first = OperatorProcess.Start(cluster, leaderElection: true, timings);
        await using var second = OperatorProcess.Start(cluster, leaderElection: true, timings);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller, helm-controller]"));
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", first);

        var holder = await Poll.UntilAsync(async () => Text((await cluster.Client.GetAsync(Leases, "flux-system", "flux-operator", CancellationToken.None))?["spec"]?["holderIdentity"]), "a replica holds the lease");
        var (leader, standby) = await LeaderOfAsync(first, second);
        Assert.Equal("ok", await standby.ReadyzAsync());

        leader.Kill();

        // The standby acquires the lease once it expires and converges a change made after the kill.
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
        await Poll.UntilAsync(async () => Text((await cluster.Client.GetAsync(Leases, "flux-system", "flux-operator", CancellationToken.None))?["spec"]?["holderIdentity"]) is { } h && h != holder ? h : null,
            "the standby holds the lease", standby);
        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && !InventoryIds(i).Contains("flux-system_helm-controller_apps_Deployment") ? i : null,
            "the new leader converged the change", standby);
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
        Assert.Contains("leader_election_master_status{", await standby.MetricsAsync(), StringComparison.Ordinal);
    }

    // The leader is the replica whose metrics say it leads.
    private static async Task<(OperatorProcess Leader, OperatorProcess Standby)> LeaderOfAsync(OperatorProcess a, OperatorProcess b)
    {
        var result = await Poll.UntilAsync(async () =>
        {
            if (IsLeader(await a.MetricsAsync()))
            {
                return new[] { a, b };
            }

            return IsLeader(await b.MetricsAsync()) ? new[] { b, a } : null;
        }, "one replica reports leading");
        return (result[0], result[1]);
    }

    private static bool IsLeader(string metrics) =>
        metrics.Split('\n').Any(l => l.StartsWith("leader_election_master_status{", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 1", StringComparison.Ordinal));

    [Fact]
    public async Task Graceful_stop_hands_the_lease_back_and_a_restart_repairs_what_drifted_meanwhile()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using (var first = OperatorProcess.Start(cluster, leaderElection: true))
        {
            await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
            await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", first);
            Assert.Equal(0, await first.StopAsync());
        }

        await cluster.DeleteDeploymentAsync("kustomize-controller");

        // With the default 35 s lease, a quick takeover shows the lease was released on shutdown.
        await using var second = OperatorProcess.Start(cluster, leaderElection: true);
        await Poll.UntilAsync(async () => await cluster.DeploymentAsync("kustomize-controller") is not null, "the restarted operator re-creates the Deployment", second, TimeSpan.FromSeconds(20));
        await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()), "the instance is Ready again", second);
    }
}
