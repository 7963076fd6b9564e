using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.ResourceSets;
using k8s.Models;

namespace FluxOperator.Controllers.Tests.ResourceSets;

public class ResourceSetSettingsTests
{
    [Fact]
    public void A_periodic_interval_below_the_floor_is_raised_and_named()
    {
        var settings = Settings((AnnotationKeys.ReconcileEvery, "1ms"), (AnnotationKeys.ReconcileTimeout, "1ms"));

        Assert.Equal(TimeSpan.FromSeconds(10), settings.ReconcileEvery);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.ReconcileTimeout);
        Assert.Equal(
            [
                "annotation fluxcd.controlplane.io/reconcileEvery: 1ms is below the minimum of 10s; using 10s",
                "annotation fluxcd.controlplane.io/reconcileTimeout: 1ms is below the minimum of 1s; using 1s",
            ],
            settings.FloorWarnings);
    }

    [Fact]
    public void Intervals_at_or_above_the_floor_and_zero_pass_unchanged()
    {
        var atFloor = Settings((AnnotationKeys.ReconcileEvery, "10s"), (AnnotationKeys.ReconcileTimeout, "1s"));
        var off = Settings((AnnotationKeys.ReconcileEvery, "0"));

        Assert.Equal(TimeSpan.FromSeconds(10), atFloor.ReconcileEvery);
        Assert.Empty(atFloor.FloorWarnings);
        Assert.Null(off.ReconcileEvery);
        Assert.Empty(off.FloorWarnings);
    }

    private static ResourceSetSettings Settings(params (string Key, string Value)[] annotations) =>
        ResourceSetSettings.Of(new ResourceSet
        {
            Metadata = new V1ObjectMeta { Name = "apps", NamespaceProperty = "team-a", Annotations = annotations.ToDictionary(a => a.Key, a => a.Value) },
        });
}
