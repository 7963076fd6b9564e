using System.Text.Json.Nodes;
using FluxOperator.Controllers.Templating;

namespace FluxOperator.Controllers.Tests.ResourceSets.Building;

/// <summary>The go-yaml v2 style the stored resources are turned back into before templating.</summary>
public class GoYamlEmissionTests
{
    private static string Emit(string json) => GoYaml.Marshal(GoValues.FromJson(JsonNode.Parse(json)));

    [Theory]
    [InlineData("\"<< inputs.tenant >>\"", "<< inputs.tenant >>\n")]
    [InlineData("\"app1-<< inputs.tenant >>\"", "app1-<< inputs.tenant >>\n")]
    [InlineData("\"<< inputs.replicas | int >>\"", "<< inputs.replicas | int >>\n")]
    [InlineData("\">=1.0.0\"", "'>=1.0.0'\n")]
    [InlineData("\"*\"", "'*'\n")]
    [InlineData("\"2\"", "\"2\"\n")]
    [InlineData("\"6.0.4\"", "6.0.4\n")]
    [InlineData("\"\"", "\"\"\n")]
    [InlineData("\"true\"", "\"true\"\n")]
    [InlineData("\"yes\"", "\"yes\"\n")]
    [InlineData("\"on\"", "\"on\"\n")]
    [InlineData("\"y\"", "\"y\"\n")]
    [InlineData("\"null\"", "\"null\"\n")]
    [InlineData("\"n\"", "\"n\"\n")]
    [InlineData("\"~\"", "\"~\"\n")]
    [InlineData("\"0x1F\"", "\"0x1F\"\n")]
    [InlineData("\"1e3\"", "\"1e3\"\n")]
    [InlineData("\"1.5\"", "\"1.5\"\n")]
    [InlineData("\"2001-12-14\"", "\"2001-12-14\"\n")]
    [InlineData("\"1:20\"", "\"1:20\"\n")]
    [InlineData("\"<<\"", "\"<<\"\n")]
    [InlineData("\"a: b\"", "'a: b'\n")]
    [InlineData("\"a #b\"", "'a #b'\n")]
    [InlineData("\"key:\"", "'key:'\n")]
    [InlineData("\"- x\"", "'- x'\n")]
    [InlineData("\"--flag\"", "--flag\n")]
    [InlineData("\" lead\"", "' lead'\n")]
    [InlineData("\"it's\"", "it's\n")]
    [InlineData("\"tab\\there\"", "\"tab\\there\"\n")]
    [InlineData("\"a\\nb\"", "|-\n  a\n  b\n")]
    [InlineData("\"a\\nb\\n\"", "|\n  a\n  b\n")]
    [InlineData("\"a\\n\\n\"", "|+\n  a\n\n")]
    [InlineData("\"naïve\"", "naïve\n")]
    [InlineData("1.5", "1.5\n")]
    [InlineData("1e6", "1e+06\n")]
    [InlineData("1000000", "1000000\n")]
    [InlineData("null", "null\n")]
    [InlineData("{}", "{}\n")]
    [InlineData("[]", "[]\n")]
    public void Scalars_are_plain_whenever_they_read_back_as_the_same_string(string json, string yaml) =>
        Assert.Equal(yaml, Emit(json));

    [Fact]
    public void Layout_matches_go_yaml_v2()
    {
        var yaml = Emit("""
            {"spec": {"containers": [{"name": "app", "args": ["a", "b"], "env": []}], "layerSelector": {"mediaType": "x"}},
             "metadata": {"name": "pod", "labels": {}}, "apiVersion": "v1", "kind": "Pod", "script": "line1\nline2", "nested": [[1, 2], [3]]}
            """);
        Assert.Equal("""
            apiVersion: v1
            kind: Pod
            metadata:
              labels: {}
              name: pod
            nested:
            - - 1
              - 2
            - - 3
            script: |-
              line1
              line2
            spec:
              containers:
              - args:
                - a
                - b
                env: []
                name: app
              layerSelector:
                mediaType: x

            """.Replace("\r", string.Empty, StringComparison.Ordinal), yaml);
    }

    [Fact]
    public void Keys_sort_in_natural_order()
    {
        Assert.Equal("a2: 1\na10: 1\nb: 1\n", Emit("""{"a10": 1, "b": 1, "a2": 1}"""));
        Assert.Equal("_x: 1\nA: 1\na: 1\n", Emit("""{"a": 1, "A": 1, "_x": 1}"""));
    }
}
