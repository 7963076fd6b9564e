using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

public sealed class LayerTests
{
    private const string Controller = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: source-controller
          labels:
            app.kubernetes.io/component: source-controller
        spec:
          template:
            metadata:
              labels:
                app: source-controller
            spec:
              serviceAccountName: source-controller
              containers:
              - name: manager
                image: fluxcd/source-controller:v1.0.0
                env:
                - name: RUNTIME_NAMESPACE
                  value: x
                - name: TUF_ROOT
                  value: /tmp/.sigstore
                - name: GOMEMLIMIT
                  value: 1Gi
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: source-controller
        """;

    [Fact]
    public void Building_leaves_the_inputs_untouched_and_can_repeat()
    {
        var input = YamlDocuments.ParseObjects(Controller);
        var before = input.Select(o => o.ToJsonString()).ToArray();
        var layer = new Layer { Namespace = "flux-system", NameSuffix = "-x" }.Add(input);
        layer.Patches.Add(new Patch("- {op: add, path: /spec/paused, value: true}", new PatchTarget(Kind: "Deployment")));

        var first = layer.BuildManifests().Select(o => o.ToJsonString()).ToArray();
        var second = layer.BuildManifests().Select(o => o.ToJsonString()).ToArray();

        Assert.Equal(before, input.Select(o => o.ToJsonString()));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Env_patch_elements_come_first_then_the_remaining_ones()
    {
        var layer = new Layer().AddYaml(Controller);
        layer.Patches.Add(new Patch("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              template:
                spec:
                  containers:
                  - name: manager
                    env:
                    - {name: NEW1, value: a}
                    - {name: TUF_ROOT, value: /changed}
                    - {name: NEW2, value: b}
            """, new PatchTarget(Kind: "Deployment")));

        var env = (JsonArray)layer.BuildManifests()[0]["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!;

        Assert.Equal(["NEW1", "TUF_ROOT", "NEW2", "RUNTIME_NAMESPACE", "GOMEMLIMIT"], env.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal("/changed", env[1]!["value"]!.GetValue<string>());
    }

    [Fact]
    public void Metadata_annotations_and_labels_do_not_reach_pod_templates()
    {
        var layer = new Layer().AddYaml(Controller);
        layer.Annotations["kustomize.toolkit.fluxcd.io/ssa"] = "Ignore";
        layer.Labels["app.kubernetes.io/version"] = "v2.7.0";
        layer.CommonAnnotations["sharding.fluxcd.io/role"] = "shard";

        var deployment = layer.BuildManifests()[0];

        Assert.Equal("Ignore", deployment["metadata"]!["annotations"]!["kustomize.toolkit.fluxcd.io/ssa"]!.GetValue<string>());
        Assert.Equal("v2.7.0", deployment["metadata"]!["labels"]!["app.kubernetes.io/version"]!.GetValue<string>());
        var template = deployment["spec"]!["template"]!["metadata"]!;
        Assert.Null(template["annotations"]!["kustomize.toolkit.fluxcd.io/ssa"]);
        Assert.Equal("shard", template["annotations"]!["sharding.fluxcd.io/role"]!.GetValue<string>());
        Assert.Null(template["labels"]!["app.kubernetes.io/version"]);
    }

    [Fact]
    public void Nested_layer_output_keeps_its_original_identity()
    {
        var shard = new Layer { Namespace = "flux-system", NameSuffix = "-shard1" }.AddYaml(Controller);
        var root = new Layer().Add(shard);

        var copy = root.Build().Single(r => r.CurrentId.Kind == "Deployment");

        Assert.Equal("source-controller-shard1", copy.CurrentId.Name);
        Assert.Equal("flux-system", copy.CurrentId.Namespace);
        Assert.Equal("source-controller", copy.OriginalId.Name);
        Assert.Equal(string.Empty, copy.OriginalId.Namespace);
    }

    [Fact]
    public void Shard_copies_keep_the_main_service_account()
    {
        var shard = new Layer { Namespace = "flux-system", NameSuffix = "-shard1" }.AddYaml(Controller);
        shard.Patches.Add(new Patch("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: all\n$patch: delete", new PatchTarget(Kind: "ServiceAccount")));
        var root = new Layer { Namespace = "flux-system" }.AddYaml(Controller).Add(shard);

        var copy = root.BuildManifests().Single(o => o["metadata"]!["name"]!.GetValue<string>() == "source-controller-shard1");

        Assert.Equal("source-controller", copy["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public void Renamed_cluster_role_is_followed_by_its_binding()
    {
        var layer = new Layer { NameSuffix = "-flux-system" }.AddYaml("""
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata:
              name: crd-controller
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: cluster-reconciler
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: crd-controller
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: crd-controller}
            """);

        var bindings = layer.BuildManifests().Where(o => o["kind"]!.GetValue<string>() == "ClusterRoleBinding").ToArray();

        Assert.Equal("cluster-admin", bindings[0]["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("crd-controller-flux-system", bindings[1]["roleRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Images_rewrite_matching_names_only()
    {
        var layer = new Layer().AddYaml(Controller);
        layer.Images.Add(new ImageOverride("fluxcd/source-controller", "ghcr.io/fluxcd/source-controller", "v1.7.0", "sha256:abc"));
        layer.Images.Add(new ImageOverride("fluxcd/source"));

        var image = layer.BuildManifests()[0]["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

        Assert.Equal("ghcr.io/fluxcd/source-controller:v1.7.0@sha256:abc", image);
    }

    [Theory]
    [InlineData("fluxcd/source-controller", "fluxcd/source-controller", "", "")]
    [InlineData("fluxcd/source-controller:v1", "fluxcd/source-controller", "v1", "")]
    [InlineData("fluxcd/source-controller@sha256:ab", "fluxcd/source-controller", "", "sha256:ab")]
    [InlineData("fluxcd/source-controller:v1@sha256:ab", "fluxcd/source-controller", "v1", "sha256:ab")]
    [InlineData("registry:5000/fluxcd/source-controller", "registry:5000/fluxcd/source-controller", "", "")]
    [InlineData("registry:5000/fluxcd/source-controller:v2", "registry:5000/fluxcd/source-controller", "v2", "")]
    public void Image_references_split_like_kustomize(string image, string name, string tag, string digest) =>
        Assert.Equal((name, tag, digest), ImageReference.SplitAsKustomize(image));
}
