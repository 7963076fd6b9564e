using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Serialization;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// Replacing the Go operator on a cluster it manages: our operator finds the objects it applied (field manager
/// <c>flux-operator</c>, ownership labels), the FluxInstance status with inventory and history, and adopts them as they
/// are — nothing re-created, nothing pruned, the first pass changes only status, the history continues.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class SwitchFromGoOperatorTests
{
    private const string Spec = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: ghcr.io/fluxcd
          components: [source-controller, kustomize-controller, helm-controller, notification-controller]
          cluster:
            type: kubernetes
            domain: cluster.local
            networkPolicy: true
          wait: true
          migrateResources: true
        """;

    // Writes our operator may make on its first pass: its own status, the report, events. Nothing else.
    private static readonly string[] StatusResources = ["fluxinstances/status", "fluxreports", "fluxreports/status", "events"];

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Taking_over_from_the_go_operator_recreates_nothing_prunes_nothing_and_continues_the_history()
    {
        await using var cluster = await E2eCluster.StartAsync();
        var api = cluster.Knobs;
        var instance = ApiYaml.ReadFluxInstance(Spec);
        var build = FluxInstanceBuilder.Build(instance, new BuildSources(OciRegistryFixture.SharedDistribution.Root));
        var objects = AppliedMetadata.Prepare(build.Result.Objects, instance);

        // What the Go operator left behind: every object server-side applied by its field manager...
        foreach (var obj in objects)
        {
            api.Apply(obj, manager: "flux-operator");
        }

        // ...and the instance with its finalizer, inventory and a history that predates us.
        api.Apply(YamlDocuments.ParseObjects(Spec).Single(), manager: "kubectl-client-side-apply");
        api.Apply(new JsonObject
        {
            ["apiVersion"] = "fluxcd.controlplane.io/v1",
            ["kind"] = "FluxInstance",
            ["metadata"] = new JsonObject { ["name"] = "flux", ["namespace"] = "flux-system", ["finalizers"] = new JsonArray("fluxcd.controlplane.io/finalizer") },
        }, manager: "flux-operator");
        var revision = build.Result.Revision;
        var revisionDigest = revision[(revision.IndexOf('@', StringComparison.Ordinal) + 1)..];
        const string olderDigest = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
        var inventory = new JsonArray(objects.Select(o => (JsonNode)new JsonObject
        {
            ["id"] = ObjectId.Of(o).ToString(),
            ["v"] = o["apiVersion"]!.GetValue<string>().Split('/')[^1],
        }).ToArray());
        api.SetStatus("fluxcd.controlplane.io/v1", "FluxInstance", "flux-system", "flux", new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = "True", ["reason"] = "ReconciliationSucceeded", ["message"] = "Reconciliation finished in 3s",
                ["observedGeneration"] = 1, ["lastTransitionTime"] = "2026-11-30T10:00:00Z",
            }),
            ["lastAttemptedRevision"] = revision,
            ["lastAppliedRevision"] = revision,
            ["components"] = new JsonArray(build.Result.Components.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["repository"] = c.Repository, ["tag"] = c.Tag, ["digest"] = c.Digest,
            }).ToArray()),
            ["inventory"] = new JsonObject { ["entries"] = inventory },
            ["history"] = new JsonArray(
                History(revisionDigest, "2026-11-01T10:00:00Z", "2026-11-30T10:00:00Z", total: 3, flux: build.Result.Version),
                History(olderDigest, "2026-10-01T10:00:00Z", "2026-11-01T09:00:00Z", total: 7, flux: "v2.8.0")),
        }, manager: "flux-operator");

        var uids = objects.ToDictionary(o => ObjectId.Of(o).ToString(), o => Uid(api, o), StringComparer.Ordinal);
        var start = api.Requests.Records.Count;

        await using var op = OperatorProcess.Start(cluster);
        // The first pass ends with the success bookkeeping: the existing snapshot counts one more reconciliation.
        var after = await Poll.UntilAsync(
            async () => await cluster.InstanceAsync() is { } i && IsReady(i) && i["status"]?["history"]?[0]?["totalReconciliations"]?.GetValue<long>() == 4 ? i : null,
            "the first pass recorded its success", op);
        await op.StopAsync();

        // Nothing was re-created or pruned: every object is still there with the uid the Go operator's apply gave it.
        Assert.All(objects, o => Assert.Equal(uids[ObjectId.Of(o).ToString()], Uid(api, o)));
        Assert.Equal(inventory.Select(e => Text(e!["id"])).Order(StringComparer.Ordinal), InventoryIds(after).Order(StringComparer.Ordinal));

        // The pass wrote status, the report and events only: no create, apply, update or delete of a managed object.
        var writes = api.Requests.Records.Skip(start)
            .Where(r => r.Verb is "create" or "update" or "patch" or "delete" or "deletecollection" && !r.Query.Contains("dryRun", StringComparison.Ordinal))
            .ToArray();
        Assert.All(writes, w => Assert.Contains(w.Resource, StatusResources));

        // The history continues: same snapshot (same digest) counted once more, the older one kept.
        var history = after["status"]!["history"]!.AsArray();
        Assert.Equal([revisionDigest, olderDigest], history.Select(h => Text(h!["digest"])));
        Assert.Equal("2026-11-01T10:00:00Z", Text(history[0]!["firstReconciled"]));
        Assert.Equal(7, history[1]!["totalReconciliations"]!.GetValue<long>());
        Assert.Equal(revision, Text(after["status"]!["lastAppliedRevision"]));
    }

    private static JsonObject History(string digest, string first, string last, long total, string flux) => new()
    {
        ["digest"] = digest,
        ["firstReconciled"] = first,
        ["lastReconciled"] = last,
        ["lastReconciledDuration"] = "2.5s",
        ["lastReconciledStatus"] = "ReconciliationSucceeded",
        ["totalReconciliations"] = total,
        ["metadata"] = new JsonObject { ["flux"] = flux },
    };

    private static string Uid(KubeApiEmulator.KubeApiServer api, JsonObject obj)
    {
        var id = ObjectId.Of(obj);
        var live = api.Get(obj["apiVersion"]!.GetValue<string>(), id.Kind, id.Namespace.Length == 0 ? null : id.Namespace, id.Name)
            ?? throw new InvalidOperationException($"{id} is gone");
        return live["metadata"]!["uid"]!.GetValue<string>();
    }
}
