using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Primitives;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["app.kubernetes.io/component"] = "kustomize-controller",
        ["app.kubernetes.io/part-of"] = "flux",
        ["replicas"] = "3",
    };

    [Theory]
    [InlineData("", true)]
    [InlineData("app.kubernetes.io/part-of=flux", true)]
    [InlineData("app.kubernetes.io/part-of==flux", true)]
    [InlineData("app.kubernetes.io/part-of!=flux", false)]
    [InlineData("missing!=x", true)]
    [InlineData("app.kubernetes.io/component in (kustomize-controller, helm-controller)", true)]
    [InlineData("app.kubernetes.io/component notin (kustomize-controller)", false)]
    [InlineData("missing notin (a)", true)]
    [InlineData("app.kubernetes.io/part-of", true)]
    [InlineData("!app.kubernetes.io/part-of", false)]
    [InlineData("!sharding.fluxcd.io/role", true)]
    [InlineData("app.kubernetes.io/part-of=flux,!missing", true)]
    [InlineData("app.kubernetes.io/part-of=flux, missing", false)]
    [InlineData("replicas>2", true)]
    [InlineData("replicas<3", false)]
    public void Requirements_are_anded(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("a in (b")]
    [InlineData("a=b c")]
    [InlineData("-bad-=x")]
    [InlineData("a=in valid")]
    [InlineData("a,")]
    [InlineData("a>b")]
    public void Invalid_selectors_are_rejected(string selector) =>
        Assert.Throws<ArgumentException>(() => LabelSelector.Parse(selector));
}
