using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Tests.Runtime;

public class ObjectKeyTests
{
    [Theory]
    [InlineData("flux-system/flux", "flux-system", "flux")]
    [InlineData("flux-system", null, "flux-system")]
    [InlineData("/flux-system", null, "flux-system")]
    public void Keys_parse_from_namespace_slash_name(string text, string? ns, string name)
    {
        Assert.Equal(new ObjectKey(ns, name), ObjectKey.Parse(text));
    }

    [Fact]
    public void Keys_print_as_namespace_slash_name_and_name_alone_when_cluster_scoped()
    {
        Assert.Equal("flux-system/flux", new ObjectKey("flux-system", "flux").ToString());
        Assert.Equal("flux-system", new ObjectKey(null, "flux-system").ToString());
    }

    [Fact]
    public void Key_of_an_object_comes_from_its_metadata()
    {
        var obj = JsonNode.Parse("""{"metadata":{"name":"flux","namespace":"flux-system"}}""")!.AsObject();
        Assert.Equal(new ObjectKey("flux-system", "flux"), ObjectKey.Of(obj));
        var clusterScoped = JsonNode.Parse("""{"metadata":{"name":"flux-system"}}""")!.AsObject();
        Assert.Equal(new ObjectKey(null, "flux-system"), ObjectKey.Of(clusterScoped));
    }
}
