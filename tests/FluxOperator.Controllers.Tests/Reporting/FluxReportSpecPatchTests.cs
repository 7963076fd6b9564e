using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.Controllers.Tests.Reporting;

public class FluxReportSpecPatchTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1}""", "{}")]
    [InlineData("""{"a":1,"sync":{"id":"x"}}""", """{"a":1}""", """{"sync":null}""")]
    [InlineData("""{"cluster":{"nodes":3,"platform":"p"}}""", """{"cluster":{"platform":"p"}}""", """{"cluster":{"nodes":null}}""")]
    [InlineData("""{"components":[{"name":"a"},{"name":"b"}]}""", """{"components":[{"name":"a"}]}""", """{"components":[{"name":"a"}]}""")]
    [InlineData(null, """{"a":{"b":1}}""", """{"a":{"b":1}}""")]
    public void Patch_turns_the_stored_spec_into_the_computed_one(string? stored, string computed, string expected)
    {
        var patch = FluxReportSpecPatch.Diff(stored is null ? null : JsonNode.Parse(stored)!.AsObject(), JsonNode.Parse(computed)!.AsObject());

        Assert.Equal(expected, patch.ToJsonString());
    }
}
