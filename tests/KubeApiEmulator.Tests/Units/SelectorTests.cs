using KubeApiEmulator.Selection;

namespace KubeApiEmulator.Tests.Units;

/// <summary>Label selector syntax and matching.</summary>
public sealed class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "prod" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=db", false)]
    [InlineData("app!=db", true)]
    [InlineData("missing!=x", true)]
    [InlineData("app in (web,db)", true)]
    [InlineData("app in (db)", false)]
    [InlineData("app notin (db, cache)", true)]
    [InlineData("missing notin (x)", true)]
    [InlineData("app", true)]
    [InlineData("!app", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=front,env in (prod)", true)]
    [InlineData("app=web,tier=back", false)]
    public void Requirements_are_anded(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("=x")]
    [InlineData("a b")]
    [InlineData("app,,tier")]
    public void Malformed_selectors_are_rejected(string selector) =>
        Assert.Throws<FormatException>(() => LabelSelector.Parse(selector));

    [Fact]
    public void Field_selectors_support_only_name_and_namespace() =>
        Assert.Throws<FormatException>(() => FieldSelector.Parse("status.phase=Running"));

    [Fact]
    public void Event_field_selectors_read_the_involved_object()
    {
        var ev = Storage.StoredObject.From(Resources.BuiltInResources.All.First(t => t.Plural == "events"), System.Text.Json.Nodes.JsonNode.Parse(
            """{"metadata":{"name":"e","namespace":"d"},"involvedObject":{"kind":"Deployment","name":"x"},"source":{"component":"c"}}""")!.AsObject());
        Assert.True(FieldSelector.Parse("involvedObject.kind=Deployment,involvedObject.name=x,source=c", "events").Matches(ev));
        Assert.False(FieldSelector.Parse("involvedObject.name=y", "events").Matches(ev));
        Assert.Throws<FormatException>(() => FieldSelector.Parse("involvedObject.name=x", "configmaps"));
    }
}
