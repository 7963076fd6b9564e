using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.IntegrationTests.Apply;

public class PrunerTests
{
    [Fact]
    public async Task An_object_no_longer_rendered_is_pruned_and_leaves_the_inventory()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var before = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory();
        var after = (await cluster.Applier.ApplyAsync(Without(ApplyCluster.Desired(), "ConfigMap"), null, CancellationToken.None)).ToInventory();

        var result = await cluster.Pruner.PruneAsync(before.StaleComparedTo(after), ApplyCluster.PruneOptions, CancellationToken.None);

        Assert.Equal("ConfigMap/apps/settings deleted", Assert.Single(result.ChangeSet.Entries).ToString());
        Assert.Empty(result.Retained);
        Assert.Null(result.ErrorMessage);
        Assert.Null(cluster.Api.Get("v1", "ConfigMap", "apps", "settings"));
    }

    [Fact]
    public async Task Prune_disabled_and_disowned_objects_are_skipped_and_objects_outside_the_inventory_are_never_touched()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var before = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory();
        var stranger = ApplyCluster.Owned(JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"stranger","namespace":"apps"}}""")!.AsObject());
        cluster.Api.Seed(stranger);
        var deployments = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("apps", "v1", "Deployment"), CancellationToken.None);
        var configMaps = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("", "v1", "ConfigMap"), CancellationToken.None);
        await cluster.Client.PatchAsync(deployments, "apps", "web", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"annotations":{"fluxcd.controlplane.io/prune":"Disabled"}}}""")!, "kubectl-annotate", CancellationToken.None);
        await cluster.Client.PatchAsync(configMaps, "apps", "settings", PatchType.Merge,
            JsonNode.Parse("""{"metadata":{"labels":{"fluxcd.controlplane.io/name":null}}}""")!, "kubectl-label", CancellationToken.None);

        // Nothing is rendered any more but the Namespace.
        var after = (await cluster.Applier.ApplyAsync(Only(ApplyCluster.Desired(), "Namespace"), null, CancellationToken.None)).ToInventory();
        var result = await cluster.Pruner.PruneAsync(before.StaleComparedTo(after), ApplyCluster.PruneOptions with { DeleteCrdsWithResources = true }, CancellationToken.None);

        Assert.Equal(
            ["Widget/apps/w1 deleted", "Deployment/apps/web skipped", "ConfigMap/apps/settings skipped", "CustomResourceDefinition/widgets.example.com deleted"],
            result.ChangeSet.Entries.Select(e => e.ToString()));
        Assert.NotNull(cluster.Api.Get("apps/v1", "Deployment", "apps", "web"));
        Assert.NotNull(cluster.Api.Get("v1", "ConfigMap", "apps", "settings"));
        Assert.NotNull(cluster.Api.Get("v1", "ConfigMap", "apps", "stranger"));
        Assert.Empty(result.Retained); // no longer ours: they leave the inventory
    }

    [Fact]
    public async Task A_crd_whose_custom_resources_exist_is_kept_until_they_are_gone()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var before = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory();
        // The component is removed, but a user's Widget (never in our inventory) still exists.
        var userWidget = JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"mine","namespace":"default"},"spec":{}}""")!.AsObject();
        cluster.Api.Seed(userWidget);
        var after = (await cluster.Applier.ApplyAsync(Without(ApplyCluster.Desired(), "CustomResourceDefinition", "Widget"), null, CancellationToken.None)).ToInventory();

        var first = await cluster.Pruner.PruneAsync(before.StaleComparedTo(after), ApplyCluster.PruneOptions, CancellationToken.None);

        var kept = first.ChangeSet.Entries.Single(e => e.Id.Kind == "CustomResourceDefinition");
        Assert.Equal(ChangeAction.Skipped, kept.Action);
        Assert.Contains("Widget/default/mine", kept.Reason, StringComparison.Ordinal);
        Assert.Equal(kept.Id, Assert.Single(first.Retained).Id);
        Assert.Single(first.ProtectedCrds);
        Assert.NotNull(cluster.Api.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com"));
        Assert.NotNull(cluster.Api.Get("example.com/v1", "Widget", "default", "mine"));

        // The inventory keeps the CRD, so the next pass retries; once the last Widget is gone the CRD goes.
        var inventory = after.With(first.Retained);
        var widgets = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("example.com", "v1", "Widget"), CancellationToken.None);
        await cluster.Client.DeleteAsync(widgets, "default", "mine", null, CancellationToken.None);
        var second = await cluster.Pruner.PruneAsync(inventory.StaleComparedTo(after), ApplyCluster.PruneOptions, CancellationToken.None);

        Assert.Equal("CustomResourceDefinition/widgets.example.com deleted", Assert.Single(second.ChangeSet.Entries).ToString());
        Assert.Null(cluster.Api.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "widgets.example.com"));
    }

    [Fact]
    public async Task A_failed_deletion_is_reported_and_retained_for_the_next_pass()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        var before = (await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None)).ToInventory();
        var after = (await cluster.Applier.ApplyAsync(Without(ApplyCluster.Desired(), "ConfigMap", "Deployment"), null, CancellationToken.None)).ToInventory();
        cluster.Api.Faults.FailNext("delete", "/configmaps/settings$", 1, 500);

        var first = await cluster.Pruner.PruneAsync(before.StaleComparedTo(after), ApplyCluster.PruneOptions, CancellationToken.None);

        Assert.Equal("Deployment/apps/web deleted", Assert.Single(first.ChangeSet.Entries).ToString());
        Assert.StartsWith("delete failed, errors: ConfigMap/apps/settings delete failed: ", first.ErrorMessage, StringComparison.Ordinal);
        Assert.EndsWith(";", first.ErrorMessage, StringComparison.Ordinal);
        var retained = Assert.Single(first.Retained);
        Assert.Equal("apps_settings__ConfigMap", retained.Id.ToString());

        var second = await cluster.Pruner.PruneAsync(after.With(first.Retained).StaleComparedTo(after), ApplyCluster.PruneOptions, CancellationToken.None);

        Assert.Equal("ConfigMap/apps/settings deleted", Assert.Single(second.ChangeSet.Entries).ToString());
        Assert.Null(cluster.Api.Get("v1", "ConfigMap", "apps", "settings"));
    }

    private static List<JsonObject> Without(List<JsonObject> objects, params string[] kinds) =>
        objects.Where(o => !kinds.Contains(o["kind"]!.ToString())).ToList();

    private static List<JsonObject> Only(List<JsonObject> objects, params string[] kinds) =>
        objects.Where(o => kinds.Contains(o["kind"]!.ToString())).ToList();
}
