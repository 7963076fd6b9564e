using FluxOperator.Controllers.Rendering;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>User patches run last, through the same engine as the built-in ones.</summary>
public class UserPatchScenarioTests
{
    [Fact]
    public void User_patches_of_both_kinds()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            kustomize:
              patches:
                - target:
                    kind: Namespace
                  patch: |
                    - op: remove
                      path: /metadata/labels/pod-security.kubernetes.io~1warn
                    - op: remove
                      path: /metadata/labels/pod-security.kubernetes.io~1warn-version
                - target:
                    kind: NetworkPolicy
                    name: allow-scraping
                  patch: |
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata:
                      name: any
                    $patch: delete
                - target:
                    kind: Deployment
                    labelSelector: "app.kubernetes.io/component in (kustomize-controller, helm-controller)"
                  patch: |
                    - op: add
                      path: /spec/template/spec/containers/0/args/-
                      value: --concurrent=10
                - target:
                    kind: ServiceAccount
                    name: "(source|kustomize)-controller"
                  patch: |
                    apiVersion: v1
                    kind: ServiceAccount
                    metadata:
                      name: any
                      annotations:
                        eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/flux
            """));

        Assert.Equal(31, build.All.Count);
        Assert.Equal(["allow-egress", "allow-webhooks"], build.Names("NetworkPolicy"));
        var ns = build.Get("Namespace", "flux-system");
        Assert.DoesNotContain(Labels(ns).Keys, k => k.StartsWith("pod-security.kubernetes.io/", StringComparison.Ordinal));
        Assert.Equal("disabled", Annotations(ns)["fluxcd.controlplane.io/prune"]);
        foreach (var name in new[] { "kustomize-controller", "helm-controller" })
        {
            Assert.Equal(["--feature-gates=ObjectLevelWorkloadIdentity=false", "--concurrent=10"], build.Args(name)[^2..]);
        }

        Assert.DoesNotContain("--concurrent=10", build.Args("source-controller"));
        Assert.DoesNotContain("--concurrent=10", build.Args("notification-controller"));
        const string Arn = "arn:aws:iam::111122223333:role/flux";
        foreach (var name in new[] { "source-controller", "kustomize-controller" })
        {
            var annotations = Annotations(build.Get("ServiceAccount", name));
            Assert.Equal(Arn, annotations["eks.amazonaws.com/role-arn"]);
            Assert.Equal("Ignore", annotations["kustomize.toolkit.fluxcd.io/ssa"]);
            Assert.Equal("Disabled", annotations["kustomize.toolkit.fluxcd.io/prune"]);
        }

        Assert.False(Annotations(build.Get("ServiceAccount", "helm-controller")).ContainsKey("eks.amazonaws.com/role-arn"));
        Assert.False(Annotations(build.Get("ServiceAccount", "notification-controller")).ContainsKey("eks.amazonaws.com/role-arn"));
    }

    [Fact]
    public void Selectors_see_the_state_before_labels_and_namespaces_are_set()
    {
        var build = Build(Instance("""
            distribution:
              version: "2.9.x"
              registry: "ghcr.io/fluxcd"
            components: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]
            sharding:
              shards: [shard1, shard2]
            kustomize:
              patches:
                - target:
                    labelSelector: "app.kubernetes.io/managed-by=flux-operator"
                  patch: |
                    - op: add
                      path: /metadata/annotations/t1
                      value: "x"
                - target:
                    kind: Deployment
                    namespace: flux-system
                  patch: |
                    - op: add
                      path: /metadata/annotations/t2
                      value: "x"
                - target:
                    kind: Deployment
                    name: "source-controller-shard1"
                  patch: |
                    - op: add
                      path: /metadata/annotations/t3
                      value: "x"
            """));

        Assert.DoesNotContain(build.All, o => Annotations(o).ContainsKey("t1"));
        Assert.Equal(
            build.Deployments.Where(d => Annotations(d).ContainsKey("sharding.fluxcd.io/role")).Select(Name),
            build.Deployments.Where(d => Annotations(d).ContainsKey("t2")).Select(Name));
        Assert.Equal(8, build.Deployments.Count(d => Annotations(d).ContainsKey("t2")));
        Assert.Equal(["source-controller-shard1"], build.All.Where(o => Annotations(o).ContainsKey("t3")).Select(Name));
    }

    private const string ReplicasPatch = """

        kustomize:
          patches:
            - patch: |
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: source-controller
                spec:
                  replicas: 2
        """;

    [Fact]
    public void A_targetless_strategic_merge_patch_is_ambiguous_once_shards_exist() =>
        Assert.Contains(
            "no resource matches strategic merge patch \"Deployment.v1.apps/source-controller.[noNs]\": multiple matches for Id Deployment.v1.apps/source-controller.[noNs]",
            Error(Instance(Distro("2.9.x") + "\nsharding:\n  shards: [shard1]" + ReplicasPatch)),
            StringComparison.Ordinal);

    [Fact]
    public void Without_shards_the_targetless_patch_reaches_only_its_object()
    {
        var build = Build(Instance(Distro("2.9.x") + ReplicasPatch));

        Assert.Equal(2, build.Deployment("source-controller")["spec"]!["replicas"]!.GetValue<long>());
        Assert.All(build.Deployments.Where(d => Name(d) != "source-controller"), d => Assert.NotEqual("2", d["spec"]!["replicas"]?.ToJsonString()));
    }

    [Theory]
    [InlineData("- op: removes\n  path: /metadata/labels/pod-security.kubernetes.io~1warn", "Unexpected kind: removes")]
    [InlineData(
        "- op: remove\n  path: /metadata/labels/pod-security.kubernetes.io~1enforce",
        "error in remove for path: '/metadata/labels/pod-security.kubernetes.io~1enforce': Unable to remove nonexistent key: pod-security.kubernetes.io/enforce: missing value")]
    public void Invalid_json6902_operations_fail_with_the_reference_message(string patch, string message) =>
        Assert.Equal(message, Error(Instance(Distro("2.3.0") + "\n" + Patches("kind: Namespace", patch))));

    [Fact]
    public void A_failing_user_patch_is_named_by_its_position_in_the_spec()
    {
        var yaml = Instance(Distro("2.3.0") + "\nkustomize:\n  patches:\n    - target:\n        kind: Namespace\n      patch: |\n        - op: add\n          path: /metadata/labels/ok\n          value: y\n"
            + "    - target:\n        kind: Namespace\n      patch: |\n        - op: removes\n          path: /metadata/labels/ok");

        var error = Assert.Throws<RenderException>(() => Outcome(yaml));

        Assert.Equal("Unexpected kind: removes", error.Message);
        Assert.Equal("spec.kustomize.patches[1]", error.PatchOrigin);
    }

    [Fact]
    public void Unparsable_patches_and_targetless_json_patches_fail()
    {
        Assert.Contains(
            "unable to parse SM or JSON patch from [patch: \"this is: [not valid\"]",
            Error(Instance(Distro("2.3.0") + "\n" + Patches("kind: Namespace", "this is: [not valid"))),
            StringComparison.Ordinal);
        Assert.Contains(
            "must specify a target for JSON patch [patch: ",
            Error(Instance(Distro("2.3.0") + "\nkustomize:\n  patches:\n    - patch: |\n        - op: add\n          path: /metadata/labels/x\n          value: y")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Container_lists_merge_by_name_with_patch_elements_first()
    {
        var build = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents + """

            kustomize:
              patches:
                - target:
                    kind: Deployment
                    name: source-controller
                  patch: |
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
                                - name: HTTPS_PROXY
                                  value: http://proxy:3128
                          tolerations:
                            - key: role
                              operator: Equal
                              value: flux
                              effect: NoSchedule
            """));
        var plain = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents));

        var manager = Manager(build.Deployment("source-controller"));
        Assert.Equal(["HTTPS_PROXY", "RUNTIME_NAMESPACE", "TUF_ROOT", "GOMEMLIMIT"], manager["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(plain.Image("source-controller"), build.Image("source-controller"));
        Assert.Equal(plain.Args("source-controller"), build.Args("source-controller"));
        Assert.Equal(
            """[{"key":"role","operator":"Equal","value":"flux","effect":"NoSchedule"}]""",
            build.Deployment("source-controller")["spec"]!["template"]!["spec"]!["tolerations"]!.ToJsonString());
    }

    [Theory]
    [InlineData("- op: add\n  path: /spec/template/spec/affinity/nodeAffinity\n  value: {}", "add operation does not apply: doc is missing path: \"/spec/template/spec/affinity/nodeAffinity\": missing value")]
    [InlineData("- op: test\n  path: /spec/replicas\n  value: 3", "testing value /spec/replicas failed: test failed")]
    public void Json6902_edge_failures(string patch, string message) =>
        Assert.Equal(message, Error(Instance(Distro("2.x") + "\ncomponents: [source-controller]\n" + Patches("kind: Deployment", patch))));

    [Fact]
    public void Replace_of_a_missing_member_adds_it()
    {
        var build = Build(Instance(Distro("2.x") + "\ncomponents: [source-controller]\n"
            + Patches("kind: Deployment", "- op: replace\n  path: /spec/template/spec/hostNetwork\n  value: true")));

        Assert.True(build.Deployment("source-controller")["spec"]!["template"]!["spec"]!["hostNetwork"]!.GetValue<bool>());
    }

    /// <summary>A <c>kustomize.patches</c> block with one targeted patch.</summary>
    private static string Patches(string target, string patch) =>
        "kustomize:\n  patches:\n    - target:\n        " + target + "\n      patch: |\n"
        + string.Join('\n', patch.Split('\n').Select(l => "        " + l));
}
