using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>The exact failure texts of duplicate identities, target selectors, patch kinds and JSON6902, which users compare with the Go operator's.</summary>
public sealed class PatchErrorMessageTests
{
    private const string Objects = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: flux-system
          labels:
            pod-security.kubernetes.io/warn: restricted
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: source-controller
        spec:
          replicas: 1
          template:
            spec:
              containers:
              - name: manager
                args: [--a, --b]
        """;

    private static readonly PatchTarget Deployment = new(Kind: "Deployment");
    private static readonly PatchTarget Namespace = new(Kind: "Namespace");

    public static TheoryData<string, string?, string> TargetedFailures => new()
    {
        { "- op: removes\n  path: /metadata/labels/pod-security.kubernetes.io~1warn", "Namespace", "Unexpected kind: removes" },
        { "- op: remove\n  path: /metadata/labels/pod-security.kubernetes.io~1enforce", "Namespace",
            "error in remove for path: '/metadata/labels/pod-security.kubernetes.io~1enforce': Unable to remove nonexistent key: pod-security.kubernetes.io/enforce: missing value" },
        { "- op: add\n  path: /spec/template/spec/affinity/nodeAffinity\n  value: {}", "Deployment",
            "add operation does not apply: doc is missing path: \"/spec/template/spec/affinity/nodeAffinity\": missing value" },
        { "- op: test\n  path: /spec/replicas\n  value: 3", "Deployment", "testing value /spec/replicas failed: test failed" },
        { "- op: remove\n  path: /spec/template/spec/containers/0/args/5", "Deployment",
            "error in remove for path: '/spec/template/spec/containers/0/args/5': Unable to access invalid index: 5: invalid index referenced" },
        { "- op: add\n  path: /spec/template/spec/containers/0/args/5\n  value: x", "Deployment",
            "error in add for path: '/spec/template/spec/containers/0/args/5': Unable to access invalid index: 5: invalid index referenced" },
        // The reference library words an out-of-range replace differently from remove (kustomize v5.5 output).
        { "- op: replace\n  path: /spec/template/spec/containers/0/args/5\n  value: x", "Deployment",
            "replace operation does not apply: doc is missing key: /spec/template/spec/containers/0/args/5: missing value" },
        { "this is: [not valid", "Namespace", "unable to parse SM or JSON patch from [patch: \"this is: [not valid\"]" },
        { "[]", "Namespace", "illegally qualifies as both an SM and JSON patch: [patch: \"[]\"]" },
        { "kind: A\nmetadata: {name: a}\n---\nkind: B\nmetadata: {name: b}", "Namespace",
            "Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field: [patch: \"kind: A\\nmetadata: {name: a}\\n---\\nkind: B\\nmetadata: {name: b}\"]" },
    };

    [Theory]
    [MemberData(nameof(TargetedFailures))]
    public void Failing_patch_reports_the_reference_wording(string patch, string? kind, string reason)
    {
        var error = Assert.Throws<KustomizeError>(() => Build(new Patch(patch, kind is null ? null : new PatchTarget(Kind: kind))));
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void Json_patch_without_target_names_the_patch_text()
    {
        var error = Assert.Throws<KustomizeError>(() => Build(new Patch("- op: add\n  path: /x\n  value: 1\n")));
        Assert.Equal("must specify a target for JSON patch [patch: \"- op: add\\n  path: /x\\n  value: 1\"]", error.Reason);
    }

    [Fact]
    public void Invalid_name_regex_reports_go_syntax_error_of_the_anchored_pattern()
    {
        var error = Assert.Throws<KustomizeError>(() => Build(new Patch("- {op: add, path: /x, value: 1}", new PatchTarget(Name: "(source-controller"))));
        Assert.Equal("error parsing regexp: missing closing ): `^(?:(source-controller)$`", error.Reason);
    }

    [Fact]
    public void Targetless_patch_without_match_names_the_id()
    {
        var patch = new Patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: kustomize-controller\nspec:\n  replicas: 2");
        var error = Assert.Throws<KustomizeError>(() => Build(patch));
        Assert.StartsWith("no resource matches strategic merge patch \"Deployment.v1.apps/kustomize-controller.[noNs]\": no matches for Id Deployment.v1.apps/kustomize-controller.[noNs]", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Targetless_patch_with_shard_copies_has_multiple_matches()
    {
        var shard = new Layer { Namespace = "flux-system", NameSuffix = "-shard1" }.AddYaml(Objects);
        shard.Patches.Add(new Patch("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: all\n$patch: delete", Namespace));
        var root = new Layer().AddYaml(Objects).Add(shard);
        root.Patches.Add(new Patch("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\nspec:\n  replicas: 2"));

        var error = Assert.Throws<KustomizeError>(() => root.Build());

        Assert.Contains("no resource matches strategic merge patch \"Deployment.v1.apps/source-controller.[noNs]\": multiple matches for Id Deployment.v1.apps/source-controller.[noNs]", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_object_reports_the_registered_id()
    {
        var layer = new Layer().AddYaml(Objects).AddYaml(Objects);
        var error = Assert.Throws<KustomizeError>(layer.Build);
        Assert.Equal("may not add resource with an already registered id: Namespace.v1.[noGrp]/flux-system.[noNs]", error.Reason);
        Assert.Null(error.PatchIndex);
    }

    [Fact]
    public void Message_says_which_patch_failed()
    {
        var layer = new Layer().AddYaml(Objects);
        layer.Patches.Add(new Patch("- {op: add, path: /spec/paused, value: true}", Deployment));
        layer.Patches.Add(new Patch("- {op: removes, path: /x}", Deployment) { Origin = "spec.kustomize.patches[0]" });
        layer.Patches.Add(new Patch("- {op: removes, path: /x}", Deployment));

        var error = Assert.Throws<KustomizeError>(layer.Build);

        Assert.Equal(1, error.PatchIndex);
        Assert.Equal("spec.kustomize.patches[0]", error.PatchOrigin);
        Assert.Equal("Unexpected kind: removes (spec.kustomize.patches[0])", error.Message);
    }

    private static IReadOnlyList<JsonObject> Build(Patch patch)
    {
        var layer = new Layer().AddYaml(Objects);
        layer.Patches.Add(patch);
        return layer.BuildManifests();
    }
}
