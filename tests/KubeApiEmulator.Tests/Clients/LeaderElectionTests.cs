using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>KubernetesClient's LeaderElector over a coordination.k8s.io Lease.</summary>
public sealed class LeaderElectionTests
{
    [Fact]
    public async Task Two_candidates_elect_one_leader_and_the_other_takes_over_after_expiry()
    {
        await using var server = await KubeApiServer.StartAsync();
        using var clientA = server.CreateClient();
        using var clientB = server.CreateClient();
        var leaders = new System.Collections.Concurrent.ConcurrentDictionary<string, bool>();
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var electorA = Elector(clientA, "a", leaders);
        var electorB = Elector(clientB, "b", leaders);
        var runA = electorA.RunUntilLeadershipLostAsync(stopA.Token);
        var runB = electorB.RunUntilLeadershipLostAsync(stopB.Token);

        while (leaders.IsEmpty)
        {
            await Task.Delay(20, deadline.Token);
        }

        // The other candidate has read the lease and seen the leader in it: it stays a follower while the lease is renewed.
        var first = Assert.Single(leaders.Keys);
        var other = first == "a" ? "b" : "a";
        while (!(Observed.TryGetValue(other, out var seen) && seen == first))
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Single(leaders.Keys);
        var holder = server.Get("coordination.k8s.io/v1", "Lease", "default", "emulator-election")!["spec"]!["holderIdentity"]!.ToString();
        Assert.Equal(first, holder);

        // The leader stops renewing (crashes); the follower acquires once the lease has expired.
        (first == "a" ? stopA : stopB).Cancel();
        var second = first == "a" ? "b" : "a";
        while (!leaders.ContainsKey(second))
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.Equal(second, server.Get("coordination.k8s.io/v1", "Lease", "default", "emulator-election")!["spec"]!["holderIdentity"]!.ToString());
        stopA.Cancel();
        stopB.Cancel();
        await Task.WhenAll(Quietly(runA), Quietly(runB));
        electorA.Dispose();
        electorB.Dispose();
    }

    // The holder each candidate last saw in the lease (KubernetesClient reports it after every read that changes it).
    private System.Collections.Concurrent.ConcurrentDictionary<string, string> Observed { get; } = new();

    private LeaderElector Elector(IKubernetes client, string identity, System.Collections.Concurrent.ConcurrentDictionary<string, bool> leaders)
    {
        var elector = new LeaderElector(new LeaderElectionConfig(new LeaseLock(client, "default", "emulator-election", identity))
        {
            // Generous against a loaded machine: a renewal slower than the deadline would hand leadership over early.
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        });
        elector.OnStartedLeading += () => leaders[identity] = true;
        elector.OnNewLeader += holder => Observed[identity] = holder;
        return elector;
    }

    private static async Task Quietly(Task run)
    {
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // Stopping a candidate cancels its loop.
        }
    }
}
