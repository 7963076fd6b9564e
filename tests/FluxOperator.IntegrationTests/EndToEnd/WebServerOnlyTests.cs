using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary><c>--web-server-only</c> runs beside the reconciling replica and must never act as a second one.</summary>
[Collection(EndToEndCollection.Name)]
public class WebServerOnlyTests
{
    private static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "Lease", "leases", true);

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task A_web_only_process_beside_a_FluxInstance_writes_nothing_and_holds_no_lease()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));
        var before = (await cluster.InstanceAsync())!;
        var start = cluster.Knobs.Requests.Records.Count;

        await using var op = OperatorProcess.Start(cluster, leaderElection: true, "--web-server-only");

        // The process says it finished starting (a normal start logs this only after its startup writes), and answers
        // health checks; after it exits, the request log holds everything it ever sent.
        await Poll.UntilAsync(async () => op.Output.Contains("Operator started", StringComparison.Ordinal) && await op.ReadyzAsync() == "ok" ? "up" : null,
            "the web-only process is serving", op);
        Assert.DoesNotContain("controller_runtime_reconcile_total{", await op.MetricsAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await op.StopAsync());

        var requests = cluster.Knobs.Requests.Records.Skip(start).ToArray();
        Assert.DoesNotContain(requests, r => r.Verb is not ("get" or "list" or "watch" or "discovery"));
        Assert.DoesNotContain(requests, r => r.Resource.StartsWith("leases", StringComparison.Ordinal));
        Assert.Null(await cluster.Client.GetAsync(Leases, E2eCluster.Namespace, "flux-operator", CancellationToken.None));
        Assert.Null(await cluster.ReportAsync());
        var after = (await cluster.InstanceAsync())!;
        Assert.Equal(Text(before["metadata"]!["resourceVersion"]), Text(after["metadata"]!["resourceVersion"]));
        Assert.Empty(await cluster.DeploymentNamesAsync());
    }
}
