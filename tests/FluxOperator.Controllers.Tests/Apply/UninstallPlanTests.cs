using FluxOperator.Controllers.Apply.Uninstall;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Apply;

public class UninstallPlanTests
{
    private static readonly ObjectInventory Installed = new(
    [
        new(new ObjectId("", "gitrepositories.source.toolkit.fluxcd.io", "apiextensions.k8s.io", "CustomResourceDefinition"), "v1"),
        new(new ObjectId("", "flux-system", "", "Namespace"), "v1"),
        new(new ObjectId("", "crd-controller-flux-system", "rbac.authorization.k8s.io", "ClusterRole"), "v1"),
        new(new ObjectId("flux-system", "source-controller", "", "ServiceAccount"), "v1"),
        new(new ObjectId("flux-system", "source-controller", "apps", "Deployment"), "v1"),
        new(new ObjectId("flux-system", "kustomize-controller", "apps", "Deployment"), "v1"),
        new(new ObjectId("flux-system", "source-controller", "", "Service"), "v1"),
    ]);

    [Fact]
    public void Deployments_stop_first_and_crds_go_last()
    {
        var plan = UninstallPlan.For(Installed, disabled: false);

        Assert.False(plan.Orphan);
        Assert.Equal(["source-controller", "kustomize-controller"], plan.Deployments.Select(d => d.Id.Name));
        Assert.Equal(
            ["Deployment", "Deployment", "Service", "ServiceAccount", "ClusterRole", "Namespace", "CustomResourceDefinition"],
            plan.Deletions.Select(d => d.Id.Kind));
        Assert.Equal("gitrepositories.source.toolkit.fluxcd.io", Assert.Single(plan.CrdsToAwait).Id.Name);
        Assert.Contains(("source.extensions.fluxcd.io", "ArtifactGenerator"), plan.FinalizerReleases);
        Assert.Equal(15, plan.FinalizerReleases.Count);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Disabled_instance_or_empty_inventory_orphans_flux(bool disabled, bool empty)
    {
        var plan = UninstallPlan.For(empty ? ObjectInventory.Empty : Installed, disabled);

        Assert.True(plan.Orphan);
        Assert.Empty(plan.Deletions);
    }
}
