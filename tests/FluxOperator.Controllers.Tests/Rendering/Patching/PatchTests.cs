using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

public sealed class PatchTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: source-controller
        spec:
          template:
            spec:
              containers:
              - name: manager
                args: [--a]
        """;

    [Fact]
    public void Json6902_built_from_nodes_keeps_special_characters()
    {
        var layer = new Layer().AddYaml(Deployment);
        layer.Patches.Add(Patch.Json6902(new PatchTarget(Kind: "Deployment"),
            new JsonObject { ["op"] = "add", ["path"] = "/spec/template/spec/containers/0/args/-", ["value"] = "--watch-label-selector=!sharding.fluxcd.io/key" },
            new JsonObject { ["op"] = "add", ["path"] = "/spec/template/spec/containers/0/args/-", ["value"] = "--storage-adv-addr=x.$(RUNTIME_NAMESPACE).svc.cluster.local.'é" }));

        var args = layer.BuildManifests()[0]["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => a!.GetValue<string>());

        Assert.Equal(["--a", "--watch-label-selector=!sharding.fluxcd.io/key", "--storage-adv-addr=x.$(RUNTIME_NAMESPACE).svc.cluster.local.'é"], args);
    }

    [Fact]
    public void Strategic_merge_built_from_a_node_applies_to_its_target()
    {
        var patch = (JsonObject)JsonNode.Parse("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"all"},"spec":{"template":{"spec":{"nodeSelector":{"kubernetes.io/os":"linux"}}}}}""")!;
        var layer = new Layer().AddYaml(Deployment);
        layer.Patches.Add(Patch.StrategicMerge(patch, new PatchTarget(Kind: "Deployment")));

        var manifest = layer.BuildManifests()[0];

        Assert.Equal("linux", manifest["spec"]!["template"]!["spec"]!["nodeSelector"]!["kubernetes.io/os"]!.GetValue<string>());
        Assert.Equal("source-controller", manifest["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Patches_whose_target_selects_nothing_are_reported_and_ignored()
    {
        var shard = new Layer { NameSuffix = "-shard1" }.AddYaml(Deployment);
        shard.Patches.Add(new Patch("- {op: add, path: /spec/paused, value: true}", new PatchTarget(Kind: "Secret")));
        var root = new Layer().Add(shard);
        root.Patches.Add(new Patch("- {op: add, path: /spec/paused, value: true}", new PatchTarget(Kind: "Deployment")));
        root.Patches.Add(new Patch("- {op: add, path: /spec/paused, value: true}", new PatchTarget(Name: "helm-controller")) { Origin = "spec.kustomize.patches[0]" });
        var misses = new List<string>();

        var built = root.Build((patch, index) => misses.Add(patch.Origin ?? $"#{index}"));

        Assert.Equal(["#0", "spec.kustomize.patches[0]"], misses);
        Assert.True(built[0].Manifest["spec"]!["paused"]!.GetValue<bool>());
    }
}
