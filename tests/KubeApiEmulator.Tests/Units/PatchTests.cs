using System.Text.Json.Nodes;
using KubeApiEmulator.Patching;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Tests.Units;

/// <summary>The three patch formats on hand-written objects.</summary>
public sealed class PatchTests
{
    private static readonly ResourceType Deployments = BuiltInResources.All.Single(t => t.Plural == "deployments");

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2}}""", """[{"op":"add","path":"/b/d","value":3}]""", """{"a":1,"b":{"c":2,"d":3}}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/-","value":3}]""", """{"a":[1,2,3]}""")]
    [InlineData("""{"a":[1,2]}""", """[{"op":"add","path":"/a/0","value":0}]""", """{"a":[0,1,2]}""")]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/a"}]""", """{}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/a","value":2}]""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"/a","path":"/b"}]""", """{"a":1,"b":1}""")]
    [InlineData("""{"a/b":1}""", """[{"op":"move","from":"/a~1b","path":"/c~0"}]""", """{"c~":1}""")]
    public void Json_patch_operations_follow_rfc_6902(string document, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(document), JsonNode.Parse(patch)!.AsArray());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/a","value":2}]""")]
    [InlineData("""[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""[{"op":"replace","path":"/missing","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/x/y","value":1}]""")]
    [InlineData("""[{"op":"bogus","path":"/a"}]""")]
    public void Json_patch_failures_throw(string patch) =>
        Assert.Throws<InvalidOperationException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse(patch)!.AsArray()));

    [Theory]
    [InlineData("""{"a":1,"b":{"c":2,"d":3}}""", """{"b":{"c":null,"e":4}}""", """{"a":1,"b":{"d":3,"e":4}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":1}""", """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    public void Merge_patch_follows_rfc_7386(string target, string patch, string expected) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), MergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch))));

    [Theory]
    [InlineData( // merge by name, keep other fields
        """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}""",
        """{"spec":{"containers":[{"name":"b","image":"3"}]}}""",
        """{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"3"}]}}""")]
    [InlineData( // delete an item
        """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
        """{"spec":{"containers":[{"name":"a","$patch":"delete"}]}}""",
        """{"spec":{"containers":[{"name":"b"}]}}""")]
    [InlineData( // replace the whole list
        """{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""",
        """{"spec":{"containers":[{"name":"c"},{"$patch":"replace"}]}}""",
        """{"spec":{"containers":[{"name":"c"}]}}""")]
    [InlineData( // replace a map
        """{"spec":{"selector":{"a":"1","b":"2"}}}""",
        """{"spec":{"selector":{"c":"3","$patch":"replace"}}}""",
        """{"spec":{"selector":{"c":"3"}}}""")]
    [InlineData( // delete from a primitive list, order directives ignored
        """{"metadata":{"finalizers":["a","b","c"]}}""",
        """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b"],"$setElementOrder/finalizers":["a","c"]}}""",
        """{"metadata":{"finalizers":["a","c"]}}""")]
    [InlineData( // finalizers merge as a set
        """{"metadata":{"finalizers":["a"]}}""",
        """{"metadata":{"finalizers":["a","b"]}}""",
        """{"metadata":{"finalizers":["a","b"]}}""")]
    [InlineData( // retainKeys drops what is not listed
        """{"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}""",
        """{"spec":{"strategy":{"type":"Recreate","$retainKeys":["type"]}}}""",
        """{"spec":{"strategy":{"type":"Recreate"}}}""")]
    [InlineData( // lists without a merge key are replaced
        """{"spec":{"template":{"spec":{"tolerations":[{"key":"a"}]}}}}""",
        """{"spec":{"template":{"spec":{"tolerations":[{"key":"b"}]}}}}""",
        """{"spec":{"template":{"spec":{"tolerations":[{"key":"b"}]}}}}""")]
    [InlineData( // container ports merge by containerPort
        """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"name":"http"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":9090,"name":"metrics"}]}]}}""",
        """{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80,"name":"http"},{"containerPort":9090,"name":"metrics"}]}]}}""")]
    public void Strategic_merge_follows_patch_merge_keys_and_directives(string target, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(Deployments, JsonNode.Parse(target)!.AsObject(), JsonNode.Parse(patch)!.AsObject());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }
}
