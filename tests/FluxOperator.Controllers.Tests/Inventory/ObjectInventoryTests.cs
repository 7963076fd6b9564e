using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Inventory;

public class ObjectInventoryTests
{
    private static InventoryEntry Entry(string ns, string name, string group, string kind, string version = "v1") =>
        new(new ObjectId(ns, name, group, kind), version);

    [Fact]
    public void Stale_entries_ignore_the_version_and_come_in_deletion_order()
    {
        var previous = new ObjectInventory(
        [
            Entry("", "widgets.example.com", "apiextensions.k8s.io", "CustomResourceDefinition"),
            Entry("", "flux-system", "", "Namespace"),
            Entry("flux-system", "sa", "", "ServiceAccount"),
            Entry("flux-system", "web", "apps", "Deployment"),
            Entry("flux-system", "repo", "source.toolkit.fluxcd.io", "GitRepository", "v1beta2"),
        ]);
        var next = new ObjectInventory(
        [
            Entry("", "flux-system", "", "Namespace"),
            Entry("flux-system", "repo", "source.toolkit.fluxcd.io", "GitRepository", "v1"),
        ]);

        var stale = previous.StaleComparedTo(next);

        Assert.Equal(
            ["flux-system_web_apps_Deployment", "flux-system_sa__ServiceAccount", "_widgets.example.com_apiextensions.k8s.io_CustomResourceDefinition"],
            stale.Select(e => e.Id.ToString()));
    }

    [Fact]
    public void A_stale_entry_keeps_the_version_it_was_applied_at()
    {
        var previous = new ObjectInventory([Entry("ns", "r", "source.toolkit.fluxcd.io", "HelmRepository", "v1beta2")]);

        var stale = Assert.Single(previous.StaleComparedTo(ObjectInventory.Empty));

        Assert.Equal("source.toolkit.fluxcd.io/v1beta2", stale.ApiVersion);
    }

    [Fact]
    public void Status_round_trip_keeps_order_and_versions()
    {
        var status = new ResourceInventory
        {
            Entries =
            [
                new ResourceRef { Id = "flux-system_web_apps_Deployment", Version = "v1" },
                new ResourceRef { Id = "_flux-system__Namespace", Version = "v1" },
                new ResourceRef { Id = "garbage", Version = "v1" },
            ],
        };

        var inventory = ObjectInventory.FromStatus(status);
        var back = inventory.ToStatus();

        Assert.Equal(2, inventory.Count);
        Assert.Equal(["flux-system_web_apps_Deployment", "_flux-system__Namespace"], back.Entries.Select(e => e.Id));
        Assert.Equal(["_flux-system__Namespace", "flux-system_web_apps_Deployment"], inventory.Sorted().Select(e => e.Id.ToString()));
    }

    [Fact]
    public void Retained_entries_are_appended_once()
    {
        var next = new ObjectInventory([Entry("", "a", "", "Namespace")]);

        var merged = next.With([Entry("", "a", "", "Namespace"), Entry("ns", "web", "apps", "Deployment")]);

        Assert.Equal(["_a__Namespace", "ns_web_apps_Deployment"], merged.Entries.Select(e => e.Id.ToString()));
        Assert.True(ObjectInventory.FromStatus(null).Count == 0);
    }
}
