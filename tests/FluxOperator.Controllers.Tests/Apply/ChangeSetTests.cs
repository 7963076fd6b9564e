using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Apply;

public class ChangeSetTests
{
    [Fact]
    public void Inventory_holds_applied_entries_and_the_change_log_only_changes()
    {
        var set = new ChangeSet(
        [
            new(new ObjectId("", "flux-system", "", "Namespace"), "v1", ChangeAction.Unchanged),
            new(new ObjectId("flux-system", "sc", "apps", "Deployment"), "apps/v1", ChangeAction.Created),
            new(new ObjectId("flux-system", "repo", "source.toolkit.fluxcd.io", "HelmRepository"), "source.toolkit.fluxcd.io/v1beta2", ChangeAction.Configured),
            new(new ObjectId("flux-system", "old", "apps", "Deployment"), "apps/v1", ChangeAction.Deleted),
        ]);

        Assert.True(set.HasChanges);
        Assert.Equal(
            ["_flux-system__Namespace:v1", "flux-system_sc_apps_Deployment:v1", "flux-system_repo_source.toolkit.fluxcd.io_HelmRepository:v1beta2"],
            set.ToInventory().Entries.Select(e => $"{e.Id}:{e.Version}"));
        Assert.Equal(
            "Deployment/flux-system/sc created\nHelmRepository/flux-system/repo configured\nDeployment/flux-system/old deleted",
            set.ChangeLog());
        Assert.False(new ChangeSet([new(new ObjectId("", "n", "", "Namespace"), "v1", ChangeAction.Unchanged)]).HasChanges);
    }
}
