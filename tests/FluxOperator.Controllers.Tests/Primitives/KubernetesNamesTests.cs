using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Tests.Primitives;

public class KubernetesNamesTests
{
    [Theory]
    [InlineData("shard1", true)]
    [InlineData("a", true)]
    [InlineData("a-b-c", true)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a.b", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void Dns1123_label(string value, bool valid) => Assert.Equal(valid, KubernetesNames.IsDns1123Label(value));

    [Theory]
    [InlineData("sharding.fluxcd.io/key", true)]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/part-of", true)]
    [InlineData("Team_Name", true)]
    [InlineData("/key", false)]
    [InlineData("example.com/", false)]
    [InlineData("Example.com/key", false)]
    [InlineData("key with space", false)]
    public void Qualified_name(string value, bool valid) => Assert.Equal(valid, KubernetesNames.IsQualifiedName(value));

    [Theory]
    [InlineData("10Gi", true)]
    [InlineData("500M", true)]
    [InlineData("1.5Ti", true)]
    [InlineData("1e3", true)]
    [InlineData("100", true)]
    [InlineData("10GB", false)]
    [InlineData("ten", false)]
    [InlineData("10 Gi", false)]
    public void Quantity(string value, bool valid) => Assert.Equal(valid, KubernetesNames.IsQuantity(value));

    [Theory]
    [InlineData("", true)]
    [InlineData("v2.9.4", true)]
    [InlineData("platform team", false)]
    [InlineData("-x", false)]
    public void Label_value(string value, bool valid) => Assert.Equal(valid, KubernetesNames.IsLabelValue(value));
}
