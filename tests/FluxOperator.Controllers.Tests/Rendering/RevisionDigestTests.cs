using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

public class RevisionDigestTests
{
    [Fact]
    public void Canonical_json_sorts_keys_at_every_level_and_drops_whitespace()
    {
        var node = JsonNode.Parse("""{ "b": 1, "a": { "z": [ 2, { "y": true, "x": null } ], "c": "s" } }""");
        Assert.Equal("""{"a":{"c":"s","z":[2,{"x":null,"y":true}]},"b":1}""", CanonicalJson.Write(node));
    }

    [Fact]
    public void Canonical_json_escapes_only_what_json_requires()
    {
        var node = new JsonObject { ["k"] = "<a&b> \"q\" \\ é\n\t\u0001" };
        Assert.Equal("{\"k\":\"<a&b> \\\"q\\\" \\\\ é\\n\\t\\u0001\"}", CanonicalJson.Write(node));
    }

    [Fact]
    public void Numbers_are_written_by_value_not_by_spelling()
    {
        Assert.Equal(CanonicalJson.Write(JsonNode.Parse("[1.0, 10, 1.5]")), CanonicalJson.Write(new JsonArray(1L, 10.0, 1.5)));
        Assert.Equal("[1,10,1.5]", CanonicalJson.Write(JsonNode.Parse("[1.0, 10, 1.5]")));
    }

    [Fact]
    public void Revision_is_the_sha256_of_documents_joined_by_separators()
    {
        var a = new JsonObject { ["kind"] = "A" };
        var b = new JsonObject { ["kind"] = "B" };
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("{\"kind\":\"A\"}---\n{\"kind\":\"B\"}")));

        Assert.Equal($"v2.9.4@sha256:{expected}", RevisionDigest.Revision("v2.9.4", [a, b]));
    }

    [Fact]
    public void Revision_changes_with_emission_order_but_not_with_key_order()
    {
        var a = JsonNode.Parse("""{"kind":"A","x":1,"y":2}""")!.AsObject();
        var aReordered = JsonNode.Parse("""{"y":2,"kind":"A","x":1}""")!.AsObject();
        var b = new JsonObject { ["kind"] = "B" };

        Assert.Equal(RevisionDigest.Compute([a, b]), RevisionDigest.Compute([aReordered, b]));
        Assert.NotEqual(RevisionDigest.Compute([a, b]), RevisionDigest.Compute([b, a]));
        Assert.Matches("^sha256:[0-9a-f]{64}$", RevisionDigest.Compute([a]));
    }
}
