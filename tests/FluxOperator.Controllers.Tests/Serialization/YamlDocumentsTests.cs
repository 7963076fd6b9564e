using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Serialization;

public class YamlDocumentsTests
{
    [Fact]
    public void Plain_scalars_are_typed_and_quoted_scalars_stay_strings()
    {
        var doc = (JsonObject)YamlDocuments.Parse("""
            a: 1
            b: "1"
            c: true
            d: 'true'
            e: ~
            f: 1.5
            g: v2.3
            h: 2.3
            i: |
              line one
              line two
            """)[0]!;

        Assert.Equal(1L, doc["a"]!.GetValue<long>());
        Assert.Equal("1", doc["b"]!.GetValue<string>());
        Assert.True(doc["c"]!.GetValue<bool>());
        Assert.Equal("true", doc["d"]!.GetValue<string>());
        Assert.Null(doc["e"]);
        Assert.True(doc.ContainsKey("e"));
        Assert.Equal(1.5, doc["f"]!.GetValue<double>());
        Assert.Equal("v2.3", doc["g"]!.GetValue<string>());
        Assert.Equal(2.3, doc["h"]!.GetValue<double>());
        Assert.Equal("line one\nline two", doc["i"]!.GetValue<string>()); // clip chomping, no final newline in the input
    }

    [Fact]
    public void Empty_documents_between_separators_are_skipped()
    {
        var docs = YamlDocuments.Parse("---\n---\na: 1\n---\n\n---\nb: 2\n");
        Assert.Equal(2, docs.Count);
    }

    [Fact]
    public void Written_yaml_reads_back_to_the_same_json()
    {
        var original = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x","labels":{"a":"true","b":"1"}},
             "data":{"empty":"","yes":"yes","num":"0x1F","dash":"- x","colon":"a: b","multi":"a\nb\n","nl":"a\n\n","tab":"a\tb",
             "quote":"it's","unicode":"héllo","lead":" x","float":"1e3","null":"null","tilde":"~"},
             "list":[1,"2",{"k":"v","l":[{"m":null}]},[],{}],"nested":[[1,2],["a"]],"bool":false,"n":null}
            """);

        var yaml = YamlDocuments.Write(original);
        var back = YamlDocuments.Parse(yaml)[0];

        Assert.True(JsonNode.DeepEquals(original, back), yaml);
    }

    [Fact]
    public void Kubectl_and_our_writer_agree_on_sequence_indentation()
    {
        var yaml = YamlDocuments.Write(JsonNode.Parse("""{"spec":{"args":["--a","--b"]}}"""));
        Assert.Equal("spec:\n  args:\n  - --a\n  - --b\n", yaml);
    }

    [Fact]
    public void List_kinds_contribute_their_items()
    {
        var objects = YamlDocuments.ParseObjects("""
            apiVersion: v1
            kind: List
            items:
            - kind: A
            - kind: B
            ---
            kind: C
            """);
        Assert.Equal(["A", "B", "C"], objects.Select(o => o["kind"]!.GetValue<string>()));
    }

    [Fact]
    public void Invalid_yaml_reports_where_it_failed()
    {
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlDocuments.Parse("a: [1, 2\nb: 3"));
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlDocuments.Parse("a: 1\n b: 2\nc"));
        Assert.True(error.Start.Line > 0);
    }
}

public class YamlDocumentsReleaseTests
{
    public static TheoryData<string> ReleaseManifests()
    {
        var data = new TheoryData<string>();
        foreach (var folder in TestSupport.SharedData.ReleaseFolders)
        {
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(TestSupport.SharedData.DistributionRoot, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReleaseManifests))]
    public void Every_release_manifest_round_trips_through_our_writer(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(TestSupport.SharedData.DistributionRoot, relativePath));
        var objects = YamlDocuments.Parse(text);
        Assert.NotEmpty(objects);

        var back = YamlDocuments.Parse(YamlDocuments.WriteAll(objects));

        Assert.Equal(objects.Count, back.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(objects[i], back[i]), $"document {i} of {relativePath} changed");
        }
    }
}
