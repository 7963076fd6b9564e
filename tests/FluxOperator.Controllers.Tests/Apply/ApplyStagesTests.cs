using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Inventory;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Apply;

public class ApplyStagesTests
{
    [Theory]
    [InlineData("apiextensions.k8s.io", "CustomResourceDefinition", ApplyStage.Definitions)]
    [InlineData("", "Namespace", ApplyStage.Definitions)]
    [InlineData("rbac.authorization.k8s.io", "ClusterRole", ApplyStage.Definitions)]
    [InlineData("rbac.authorization.k8s.io", "ClusterRoleBinding", ApplyStage.Resources)]
    [InlineData("storage.k8s.io", "StorageClass", ApplyStage.Classes)]
    [InlineData("networking.k8s.io", "IngressClass", ApplyStage.Classes)]
    [InlineData("apps", "Deployment", ApplyStage.Resources)]
    [InlineData("source.toolkit.fluxcd.io", "GitRepository", ApplyStage.Resources)]
    [InlineData("example.com", "Namespace", ApplyStage.Resources)]
    public void Kinds_land_in_their_stage(string group, string kind, ApplyStage stage) =>
        Assert.Equal(stage, ApplyStages.StageOf(new ObjectId("", "x", group, kind)));

    [Fact]
    public void Partition_orders_stages_and_sorts_within_each()
    {
        var objects = new[]
        {
            Objects.Of("apps/v1", "Deployment", "web", "flux-system"),
            Objects.Of("v1", "ServiceAccount", "sa", "flux-system"),
            Objects.Of("storage.k8s.io/v1", "StorageClass", "fast"),
            Objects.Of("v1", "Namespace", "flux-system"),
            Objects.Of("apiextensions.k8s.io/v1", "CustomResourceDefinition", "widgets.example.com"),
        };

        var stages = ApplyStages.Partition(objects);

        Assert.Equal([ApplyStage.Definitions, ApplyStage.Classes, ApplyStage.Resources], stages.Select(s => s.Key));
        Assert.Equal(["CustomResourceDefinition", "Namespace"], stages[0].Value.Select(o => o["kind"]!.ToString()));
        Assert.Equal(["ServiceAccount", "Deployment"], stages[2].Value.Select(o => o["kind"]!.ToString()));
        Assert.True(ApplyStages.IsWaitedFor(ApplyStage.Classes));
        Assert.False(ApplyStages.IsWaitedFor(ApplyStage.Resources));
    }
}
