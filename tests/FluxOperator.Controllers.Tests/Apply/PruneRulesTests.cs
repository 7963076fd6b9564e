using FluxOperator.Controllers.Apply.Pruning;

namespace FluxOperator.Controllers.Tests.Apply;

public class PruneRulesTests
{
    [Theory]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux","fluxcd.controlplane.io/namespace":"flux-system"}""", "{}", PruneVerdict.Delete)]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux"}""", "{}", PruneVerdict.NotOwned)]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux","fluxcd.controlplane.io/namespace":"other"}""", "{}", PruneVerdict.NotOwned)]
    [InlineData("{}", "{}", PruneVerdict.NotOwned)]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux","fluxcd.controlplane.io/namespace":"flux-system","fluxcd.controlplane.io/prune":"Disabled"}""", "{}", PruneVerdict.PruneDisabled)]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux","fluxcd.controlplane.io/namespace":"flux-system"}""", """{"fluxcd.controlplane.io/prune":"disabled"}""", PruneVerdict.PruneDisabled)]
    [InlineData("""{"fluxcd.controlplane.io/name":"flux","fluxcd.controlplane.io/namespace":"flux-system"}""", """{"fluxcd.controlplane.io/prune":"enabled"}""", PruneVerdict.Delete)]
    public void Only_owned_objects_without_prune_disabled_are_deleted(string labels, string annotations, PruneVerdict verdict)
    {
        var live = Objects.Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{{{labels}}},"annotations":{{{annotations}}}}}""");

        Assert.Equal(verdict, PruneRules.Decide(live, "flux", "flux-system"));
    }

    [Fact]
    public void A_gone_object_needs_nothing() => Assert.Equal(PruneVerdict.AlreadyGone, PruneRules.Decide(null, "flux", "flux-system"));
}
