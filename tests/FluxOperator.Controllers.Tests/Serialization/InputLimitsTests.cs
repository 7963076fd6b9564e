using System.Text;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FluxOperator.Controllers.Tests.Serialization;

public class InputLimitsTests
{
    private static readonly InputLimits Small = new() { MaxDepth = 3, MaxAliasNodes = 10, MaxDocumentBytes = 64, MaxScalarBytes = 4 };

    private static InputLimitException Refused(string yaml, InputLimits? limits = null) =>
        Assert.Throws<InputLimitException>(() => YamlDocuments.Parse(yaml, limits ?? Small));

    [Theory]
    [InlineData("[[[1]]]", "[[[[1]]]]", "1:4")]
    [InlineData("a:\n  b:\n    c: 1\n", "a:\n  b:\n    c:\n      d: 1\n", "4:7")]
    [InlineData("- - - x\n", "- - - - x\n", "1:7")]
    public void Nesting_deeper_than_the_limit_is_refused_where_it_starts(string atLimit, string overLimit, string position)
    {
        Assert.Single(YamlDocuments.Parse(atLimit, Small));

        var error = Refused(overLimit);

        Assert.Equal("depth", error.Limit);
        Assert.Equal($"nesting exceeds the depth limit of 3 at {position}", error.Message);
    }

    [Fact]
    public void Aliases_may_expand_up_to_the_budget_and_not_one_node_more()
    {
        // Each *x adds the anchored sequence and its four items: five nodes.
        Assert.Single(YamlDocuments.Parse("a: &x [1, 2, 3, 4]\nb: *x\nc: *x\n", Small));

        var error = Refused("a: &x [1, 2, 3, 4]\nb: *x\nc: *x\nd: *x\n");

        Assert.Equal("aliases", error.Limit);
        Assert.Equal("document contains excessive aliasing: expanding aliases exceeds the limit of 10 nodes at 4:4", error.Message);
    }

    [Fact]
    public void A_billion_laughs_document_is_refused_by_the_default_budget_before_anything_is_built()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 10; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InputLimitException>(() => YamlDocuments.Parse(yaml.ToString(), InputLimits.Default));

        Assert.Equal("aliases", error.Limit);
        Assert.StartsWith("document contains excessive aliasing", error.Message, StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L << 20);
    }

    [Fact]
    public void An_alias_that_would_nest_past_the_depth_limit_is_refused()
    {
        Assert.Single(YamlDocuments.Parse("a: &x [[1]]\nb: *x\n", Small));

        var error = Refused("a: &x [[1]]\nb: [*x]\n");

        Assert.Equal("depth", error.Limit);
        Assert.Contains("through alias *x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_alias_inside_its_own_anchor_is_refused_instead_of_recursing()
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlDocuments.Parse("a: &x [1, *x]\n", Small));
        Assert.Contains("refers to a node that contains it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: abcd", "a: abcde")]
    [InlineData("a: éé", "a: ééx")]
    [InlineData("abcd: 1", "abcde: 1")]
    public void Scalars_longer_than_the_limit_in_utf8_bytes_are_refused(string atLimit, string overLimit)
    {
        Assert.Single(YamlDocuments.Parse(atLimit, Small));

        var error = Refused(overLimit);

        Assert.Equal("scalar size", error.Limit);
        Assert.StartsWith("scalar exceeds the scalar size limit of 4 bytes at 1:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_larger_than_the_document_limit_is_refused_while_it_is_read()
    {
        var limits = Small with { MaxScalarBytes = 1 << 20 };
        var atLimit = "a: " + new string('x', 61);
        Assert.Equal(64, atLimit.Length);
        Assert.Single(YamlDocuments.Parse(atLimit, limits));

        var error = Refused("b: 1\n" + atLimit[..60], limits);

        Assert.Equal("document size", error.Limit);
        Assert.Equal("input exceeds the document size limit of 64 bytes at 2:60", error.Message);
    }

    [Fact]
    public void Files_larger_than_the_document_limit_are_refused_before_they_are_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, new string('#', 65));
            var error = Assert.Throws<InputLimitException>(() => BoundedTextReader.ReadFile(path, Small));
            Assert.Equal("input exceeds the document size limit of 64 bytes", error.Message);

            File.WriteAllText(path, new string('#', 64));
            Assert.Equal(64, BoundedTextReader.ReadFile(path, Small).Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Two_hundred_thousand_nested_flow_sequences_fail_with_the_depth_message_instead_of_overflowing_the_stack()
    {
        var yaml = "x: " + new string('[', 200_000) + new string(']', 200_000);

        var error = Assert.Throws<InputLimitException>(() => YamlDocuments.Parse(yaml, InputLimits.Default));

        Assert.Equal("nesting exceeds the depth limit of 256 at 1:259", error.Message);
    }

    [Fact]
    public void Other_yamldotnet_consumers_are_bounded_by_wrapping_their_parser()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var stream = new YamlStream();

        var error = Assert.Throws<InputLimitException>(() => stream.Load(new BoundedParser(new Parser(new StringReader(deep)), Small)));

        Assert.Equal("depth", error.Limit);
    }

    [Fact]
    public void Anchors_are_scoped_to_their_document()
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlDocuments.Parse("a: &x 1\n---\nb: *x\n", Small));
        Assert.Contains("unknown anchor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aliases_become_independent_copies_of_their_anchored_node()
    {
        var doc = YamlDocuments.Parse("a: &x {k: [1]}\nb: *x\nc: {&y key: 2}\nd: {*y : 3}\n", InputLimits.Default);

        var obj = doc[0]!.AsObject();
        Assert.Equal("""{"k":[1]}""", obj["b"]!.ToJsonString());
        Assert.NotSame(obj["a"], obj["b"]);
        Assert.Equal("""{"key":3}""", obj["d"]!.ToJsonString());
    }
}
