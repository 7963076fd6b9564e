using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply.Migration;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.IntegrationTests.Apply;

public class StorageVersionMigratorTests
{
    [Fact]
    public async Task Flux_crds_end_with_only_the_storage_version_stored_and_their_objects_rewritten()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        cluster.Api.Seed(JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"gadgets.example.com","labels":{"app.kubernetes.io/part-of":"flux"}},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gadgets","singular":"gadget","kind":"Gadget","listKind":"GadgetList"},
               "versions":[{"name":"v1beta1","served":true,"storage":true},{"name":"v1","served":true,"storage":false}]}}
            """)!.AsObject());
        cluster.Api.Seed(JsonNode.Parse("""{"apiVersion":"example.com/v1beta1","kind":"Gadget","metadata":{"name":"g","namespace":"default"},"spec":{}}""")!.AsObject());
        // A newer release moves the storage version to v1: the CRD now records both as stored.
        await cluster.Client.PatchAsync(KubeResources.CustomResourceDefinition, null, "gadgets.example.com", PatchType.Merge,
            JsonNode.Parse("""{"spec":{"versions":[{"name":"v1beta1","served":true,"storage":false},{"name":"v1","served":true,"storage":true}]}}""")!,
            "flux-operator", CancellationToken.None);
        var migrator = new StorageVersionMigrator(cluster.Client, "flux-operator", TimeProvider.System, NullLogger<StorageVersionMigrator>.Instance);

        var errors = await migrator.MigrateAsync(force: false, CancellationToken.None);

        Assert.Empty(errors);
        Assert.True(cluster.Api.Requests.Records.Any(r => r.Verb == "patch" && r.Resource == "gadgets"), string.Join("\n", cluster.Api.Requests.Records));
        var crd = cluster.Api.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gadgets.example.com")!;
        Assert.Equal(["v1"], crd["status"]!["storedVersions"]!.AsArray().Select(v => v!.GetValue<string>()));

        // A CRD whose stored versions are exactly its storage version is skipped unless forced.
        cluster.Api.Seed(JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"gizmos.example.com","labels":{"app.kubernetes.io/part-of":"flux"}},
             "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gizmos","singular":"gizmo","kind":"Gizmo","listKind":"GizmoList"},
               "versions":[{"name":"v1","served":true,"storage":true}]}}
            """)!.AsObject());
        cluster.Api.Requests.Clear();
        Assert.Empty(await migrator.MigrateAsync(force: false, CancellationToken.None));
        Assert.DoesNotContain(cluster.Api.Requests.Records, r => r.Resource.StartsWith("gizmos", StringComparison.Ordinal));
        Assert.Empty(await migrator.MigrateAsync(force: true, CancellationToken.None));
        Assert.Contains(cluster.Api.Requests.Records, r => r.Verb == "list" && r.Resource == "gizmos");
    }

    [Theory]
    [InlineData("t1", "t1", null, null, false, true)]
    [InlineData("t1", "t1", "t1", null, false, false)]
    [InlineData("t1", "t1", null, "t1", false, false)]
    [InlineData("t1", "t2", null, null, false, false)]
    [InlineData(null, "t1", null, null, true, true)]
    public void Force_decision_follows_the_annotations_and_minor_upgrades(string? forceAt, string? requestedAt, string? handledReconcile, string? handledForce, bool minorUpgrade, bool forced) =>
        Assert.Equal(forced, MigrationDecision.IsForced(forceAt, requestedAt, handledReconcile, handledForce, minorUpgrade));
}
