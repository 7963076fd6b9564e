using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.IntegrationTests.Apply;

public class InformerLiveObjectsTests
{
    private const string Owned = "fluxcd.controlplane.io/name=flux,fluxcd.controlplane.io/namespace=flux-system";

    [Fact]
    public async Task Label_filtered_informers_make_a_no_op_pass_free_and_an_object_that_lost_its_labels_is_still_configured()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var desired = ApplyCluster.Desired();
        await cluster.Applier.ApplyAsync(desired, null, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var informers = new List<Informer>();
        foreach (var obj in desired.DistinctBy(o => o["kind"]!.ToString()))
        {
            informers.Add(new Informer(cluster.Client, await cluster.Client.Mapper.MapAsync(obj, CancellationToken.None), new InformerOptions { LabelSelector = Owned }));
        }

        var running = informers.Select(i => Task.Run(() => i.RunAsync(stop.Token))).ToArray();
        try
        {
            foreach (var informer in informers)
            {
                await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }

            var known = new InformerLiveObjects(informers);
            cluster.Api.Requests.Clear();
            var noop = await cluster.Applier.ApplyAsync(desired, known, CancellationToken.None);
            await cluster.Applier.WaitForHealthAsync(noop, new(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10)), known, CancellationToken.None);

            Assert.All(noop.Entries, e => Assert.Equal(ChangeAction.Unchanged, e.Action));
            Assert.DoesNotContain(cluster.Api.Requests.Records, r => r.Verb is "get" or "patch" or "create" or "update" or "delete");

            var configMaps = informers.Single(i => i.Type.Kind == "ConfigMap");
            await cluster.Client.PatchAsync(configMaps.Type, "apps", "settings", PatchType.Merge,
                JsonNode.Parse("""{"metadata":{"labels":{"fluxcd.controlplane.io/name":null}}}""")!, "kubectl-label", CancellationToken.None);
            await WaitUntilAsync(() => configMaps.Cache.Get("apps", "settings") is null);

            var repaired = await cluster.Applier.ApplyAsync(desired, known, CancellationToken.None);

            Assert.Equal("ConfigMap/apps/settings configured", Assert.Single(repaired.Changes).ToString());
            Assert.Equal("flux", cluster.Api.Get("v1", "ConfigMap", "apps", "settings")!["metadata"]!["labels"]!["fluxcd.controlplane.io/name"]!.ToString());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, budget.Token);
        }
    }
}
