using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply.Uninstall;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.IntegrationTests.Apply;

public class FinalizerReleaserTests
{
    [Fact]
    public async Task Finalizers_are_cleared_in_every_namespace_and_unserved_kinds_are_skipped()
    {
        await using var cluster = await ApplyCluster.StartAsync();
        await cluster.Applier.ApplyAsync(ApplyCluster.Desired(), null, CancellationToken.None);
        cluster.Api.Seed(JsonNode.Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"held","namespace":"default","finalizers":["example.com/keep"]}}""")!.AsObject());
        var widgets = await cluster.Client.Mapper.MapAsync(new GroupVersionKind("example.com", "v1", "Widget"), CancellationToken.None);
        await cluster.Client.DeleteAsync(widgets, "default", "held", null, CancellationToken.None);
        Assert.NotNull(cluster.Api.Get("example.com/v1", "Widget", "default", "held")); // held by its finalizer

        var (released, errors) = await new FinalizerReleaser(cluster.Client, "flux-operator")
            .ReleaseAsync([("example.com", "Widget"), ("source.toolkit.fluxcd.io", "GitRepository")], CancellationToken.None);

        Assert.Empty(errors);
        Assert.Equal(["Widget"], released);
        Assert.Null(cluster.Api.Get("example.com/v1", "Widget", "default", "held")); // the pending deletion completed
        Assert.NotNull(cluster.Api.Get("example.com/v1", "Widget", "apps", "w1"));
    }
}
