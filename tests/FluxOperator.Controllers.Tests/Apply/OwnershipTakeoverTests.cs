using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;

namespace FluxOperator.Controllers.Tests.Apply;

public class OwnershipTakeoverTests
{
    private readonly OwnershipTakeover _takeover = new("flux-operator", ["argo"]);

    [Theory]
    [InlineData("kustomize-controller", "Apply", true)]
    [InlineData("kustomize-controller", "Update", false)]
    [InlineData("helm", "Update", true)]
    [InlineData("helm", "Apply", false)]
    [InlineData("kubectl-edit", "Update", true)]
    [InlineData("kubectl-client-side-apply", "Update", true)]
    [InlineData("kubectl", "Apply", true)]
    [InlineData("before-first-apply", "Update", true)]
    [InlineData("flux", "Apply", true)]
    [InlineData("flux", "Update", true)]
    [InlineData("fluxy", "Update", false)]
    [InlineData("argo", "Update", true)]
    [InlineData("vpa-recommender", "Update", false)]
    public void Takeover_list_matches_the_spec(string manager, string operation, bool taken) =>
        Assert.Equal(taken, _takeover.IsTakenOver(manager, operation));

    [Fact]
    public void Nothing_to_clean_gives_no_patch()
    {
        var live = Objects.Parse("""
            {"metadata":{"name":"x","labels":{"a":"b"},"managedFields":[{"manager":"flux-operator","operation":"Apply","fieldsV1":{"f:data":{}}},
              {"manager":"vpa","operation":"Update","fieldsV1":{}}]}}
            """);

        Assert.Null(_takeover.CleanupPatch(live));
    }

    [Fact]
    public void Foreign_bookkeeping_is_removed_and_kubectl_fields_fold_into_ours()
    {
        var live = Objects.Parse("""
            {"metadata":{"name":"x",
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","keep":"1"},
              "labels":{"kustomize.toolkit.fluxcd.io/name":"flux-system","keep":"1"},
              "managedFields":[
                {"manager":"flux-operator","operation":"Apply","apiVersion":"v1","fieldsV1":{"f:data":{"f:a":{}}}},
                {"manager":"kubectl-edit","operation":"Update","apiVersion":"v1","fieldsV1":{"f:data":{"f:b":{}}}},
                {"manager":"kubectl-edit","operation":"Update","apiVersion":"v1","subresource":"status","fieldsV1":{"f:status":{}}},
                {"manager":"vpa","operation":"Update","apiVersion":"v1","fieldsV1":{"f:spec":{}}}]}}
            """);

        var patch = _takeover.CleanupPatch(live)!;

        var paths = patch.Select(op => op!["path"]!.ToString()).ToArray();
        Assert.Contains("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration", paths);
        Assert.Contains("/metadata/labels/kustomize.toolkit.fluxcd.io~1name", paths);
        var managed = patch.Single(op => op!["path"]!.ToString() == "/metadata/managedFields")!["value"]!.AsArray();
        Assert.Equal(["flux-operator", "kubectl-edit", "vpa"], managed.Select(m => m!["manager"]!.ToString()));
        Assert.Equal("status", managed[1]!["subresource"]!.ToString()); // subresource entries are never touched
        var ours = managed[0]!["fieldsV1"]!["f:data"]!.AsObject();
        Assert.True(ours.ContainsKey("f:a") && ours.ContainsKey("f:b"));
    }

    [Fact]
    public void Without_an_entry_of_ours_the_first_taken_over_entry_is_renamed()
    {
        var live = Objects.Parse("""
            {"metadata":{"name":"x","managedFields":[
              {"manager":"kustomize-controller","operation":"Apply","fieldsV1":{"f:spec":{"f:a":{}}}},
              {"manager":"helm","operation":"Update","fieldsV1":{"f:spec":{"f:b":{}}}}]}}
            """);

        var managed = _takeover.CleanupPatch(live)!.Single()!["value"]!.AsArray();

        var entry = Assert.Single(managed)!;
        Assert.Equal("flux-operator", entry["manager"]!.ToString());
        Assert.Equal("Apply", entry["operation"]!.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"f:spec":{"f:a":{},"f:b":{}}}"""), entry["fieldsV1"]));
    }
}
