using System.Text.Json.Nodes;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>Shard layers, selectors, shard storage.</summary>
public class ShardingScenarioTests
{
    private const string TwoShardsOn29 = """
        distribution:
          version: "2.9.x"
          registry: "ghcr.io/fluxcd"
        components:
          - source-controller
          - kustomize-controller
          - helm-controller
          - notification-controller
          - source-watcher
        sharding:
          shards: [shard1, shard2]
        """;

    [Fact]
    public void Two_shards_on_2_9_copy_every_shardable_controller_including_source_watcher()
    {
        var build = Build(Instance(TwoShardsOn29));

        Assert.Equal(48, build.All.Count);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["ClusterRole"] = 3, ["ClusterRoleBinding"] = 2, ["CustomResourceDefinition"] = 12, ["Deployment"] = 13, ["Namespace"] = 1,
                ["NetworkPolicy"] = 3, ["ResourceQuota"] = 1, ["Service"] = 8, ["ServiceAccount"] = 5,
            },
            build.Counts);
        Assert.Equal(
            [
                "helm-controller", "helm-controller-shard1", "helm-controller-shard2", "kustomize-controller", "kustomize-controller-shard1",
                "kustomize-controller-shard2", "notification-controller", "source-controller", "source-controller-shard1", "source-controller-shard2",
                "source-watcher", "source-watcher-shard1", "source-watcher-shard2",
            ],
            build.Names("Deployment"));
        Assert.Equal(
            [
                "notification-controller", "source-controller", "source-controller-shard1", "source-controller-shard2", "source-watcher",
                "source-watcher-shard1", "source-watcher-shard2", "webhook-receiver",
            ],
            build.Names("Service"));
        Assert.Equal("""{"app":"source-controller-shard1"}""", build.Get("Service", "source-controller-shard1")["spec"]!["selector"]!.ToJsonString());
    }

    [Fact]
    public void Main_controllers_exclude_shard_objects_and_shards_select_theirs()
    {
        var build = Build(Instance(TwoShardsOn29));

        foreach (var name in new[] { "source-controller", "kustomize-controller", "helm-controller", "source-watcher" })
        {
            Assert.Contains("--watch-label-selector=!sharding.fluxcd.io/key", build.Args(name));
        }

        Assert.DoesNotContain(build.Args("notification-controller"), a => a.StartsWith("--watch-label-selector", StringComparison.Ordinal));
        var shard = build.Deployment("kustomize-controller-shard1");
        Assert.Equal("kustomize-controller-shard1", shard["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("kustomize-controller-shard1", shard["spec"]!["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("shard", Annotations(shard)["sharding.fluxcd.io/role"]);
        Assert.Equal("shard", shard["spec"]!["template"]!["metadata"]!["annotations"]!["sharding.fluxcd.io/role"]!.GetValue<string>());
        Assert.Contains("--watch-label-selector=sharding.fluxcd.io/key=shard1", ArgsOf(shard));
        Assert.DoesNotContain("--watch-label-selector=!sharding.fluxcd.io/key", ArgsOf(shard));
        Assert.Equal("kustomize-controller", shard["spec"]!["template"]!["spec"]!["serviceAccountName"]!.GetValue<string>());
    }

    [Fact]
    public void Shard_source_controller_carries_both_storage_addresses_and_the_main_images()
    {
        var build = Build(Instance(TwoShardsOn29));

        Assert.Equal(
            [
                "--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.",
                "--storage-adv-addr=source-controller-shard2.$(RUNTIME_NAMESPACE).svc.cluster.local.",
                "--watch-label-selector=sharding.fluxcd.io/key=shard2", "--feature-gates=ObjectLevelWorkloadIdentity=false",
            ],
            build.Args("source-controller-shard2")[6..]);
        foreach (var shard in build.Deployments.Where(d => Annotations(d).ContainsKey("sharding.fluxcd.io/role")))
        {
            var main = Name(shard)[..Name(shard).LastIndexOf('-')];
            Assert.Equal(build.Image(main), Manager(shard)["image"]!.GetValue<string>());
            Assert.Contains("@sha256:", Manager(shard)["image"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Persistent_shard_storage_with_a_custom_key_on_2_6()
    {
        var build = Build(Instance("""
            distribution:
              version: "2.6.x"
              registry: "ghcr.io/fluxcd"
            storage:
              class: standard
              size: 10Gi
            sharding:
              key: tenant.example.com/shard
              shards: [a, b]
              storage: persistent
            """));

        Assert.Equal("v2.6.4", build.Result.Version);
        Assert.Equal(42, build.All.Count);
        Assert.Equal((5, 10, 3), (build.Count("Service"), build.Count("Deployment"), build.Count("PersistentVolumeClaim")));
        Assert.Equal(["source-controller", "source-controller-a", "source-controller-b"], build.Names("PersistentVolumeClaim"));
        Assert.Equal("shard", Annotations(build.Get("PersistentVolumeClaim", "source-controller-a"))["sharding.fluxcd.io/role"]);
        Assert.False(Annotations(build.Get("PersistentVolumeClaim", "source-controller")).ContainsKey("sharding.fluxcd.io/role"));
        var shardPod = build.Deployment("source-controller-a")["spec"]!["template"]!["spec"]!;
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"name":"persistent-data-a","persistentVolumeClaim":{"claimName":"source-controller-a"}},{"name":"tmp","emptyDir":{}}]"""),
            shardPod["volumes"]));
        Assert.Equal("""{"name":"persistent-data-a","mountPath":"/data"}""", Manager(build.Deployment("source-controller-a"))["volumeMounts"]![0]!.ToJsonString());
        Assert.Equal(
            ["data", "tmp", "persistent-data"],
            build.Deployment("source-controller")["spec"]!["template"]!["spec"]!["volumes"]!.AsArray().Select(v => v!["name"]!.GetValue<string>()));
        Assert.Contains("--watch-label-selector=!tenant.example.com/shard", build.Args("source-controller"));
        Assert.Contains("--watch-label-selector=tenant.example.com/shard=b", build.Args("helm-controller-b"));
        Assert.DoesNotContain(build.Deployments, d => ArgsOf(d).Any(a => a.StartsWith("--feature-gates", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sharding_on_2_7_leaves_source_watcher_unsharded()
    {
        var build = Build(Instance(Distro("2.7.x") + "\n" + DefaultBuildScenarioTests.AllComponents + "\nsharding:\n  shards: [shard1]"));

        Assert.Equal("v2.7.5", build.Result.Version);
        Assert.Equal(49, build.All.Count);
        Assert.Equal((15, 7, 5, 12), (build.Count("CustomResourceDefinition"), build.Count("ServiceAccount"), build.Count("Service"), build.Count("Deployment")));
        Assert.Equal(
            ["helm-controller-shard1", "image-automation-controller-shard1", "image-reflector-controller-shard1", "kustomize-controller-shard1", "source-controller-shard1"],
            build.Names("Deployment").Where(n => n.EndsWith("-shard1", StringComparison.Ordinal)));
        Assert.False(build.Has("Service", "source-watcher-shard1"));
        Assert.DoesNotContain(build.Args("source-watcher"), a => a.StartsWith("--watch-label-selector", StringComparison.Ordinal));
        foreach (var name in new[] { "source-controller", "kustomize-controller", "helm-controller", "image-reflector-controller", "image-automation-controller" })
        {
            Assert.Contains("--watch-label-selector=!sharding.fluxcd.io/key", build.Args(name));
        }
    }

    [Fact]
    public void Duplicate_shard_names_fail_on_the_first_duplicated_object() =>
        Assert.Contains(
            "may not add resource with an already registered id: Service.v1.[noGrp]/source-controller-shard1.flux-system",
            Error(Instance(Distro("2.7.x") + "\nsharding:\n  shards: [shard1, shard1]")),
            StringComparison.Ordinal);

    [Fact]
    public void A_component_listed_twice_fails_on_its_first_object() =>
        Assert.Contains(
            "may not add resource with an already registered id: CustomResourceDefinition.v1.apiextensions.k8s.io/buckets.source.toolkit.fluxcd.io.[noNs]",
            Error(Instance(Distro("2.7.x") + "\ncomponents: [source-controller, kustomize-controller, source-controller]")),
            StringComparison.Ordinal);

    [Fact]
    public void Persistent_shard_storage_without_spec_storage_renders_ephemeral_shards()
    {
        var build = Build(Instance(Distro("2.9.x") + "\nsharding:\n  shards: [shard1]\n  storage: persistent"));

        Assert.Equal(0, build.Count("PersistentVolumeClaim"));
        Assert.Equal("data", build.Deployment("source-controller-shard1")["spec"]!["template"]!["spec"]!["volumes"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Openshift_shards_small_size_and_full_lockdown_order_every_argument()
    {
        var build = Build(Instance("""
            distribution:
              version: "2.9.x"
              registry: "ghcr.io/fluxcd"
            components: [source-controller, kustomize-controller, helm-controller, notification-controller, source-watcher]
            cluster:
              type: openshift
              size: small
              multitenant: true
              objectLevelWorkloadIdentity: true
              multitenantWorkloadIdentity: true
            storage:
              class: standard
              size: 5Gi
            sharding:
              shards: [s1]
            kustomize:
              patches:
                - target:
                    kind: Deployment
                  patch: |
                    - op: add
                      path: /spec/template/spec/containers/0/args/-
                      value: --user-arg
            """));

        Assert.Equal(
            [
                "--watch-label-selector=sharding.fluxcd.io/key=s1", "--concurrent=5", "--requeue-dependency=10s", "--no-cross-namespace-refs=true",
                "--no-remote-bases=true", "--default-service-account=default", "--feature-gates=ExternalArtifact=true",
                "--feature-gates=ObjectLevelWorkloadIdentity=true", "--default-decryption-service-account=default",
                "--default-kubeconfig-service-account=default", "--user-arg",
            ],
            build.ArgsAfterRelease("kustomize-controller-s1", 5));
        Assert.Equal(
            ["--watch-label-selector=!sharding.fluxcd.io/key", "--no-cross-namespace-refs=true", "--user-arg"],
            build.ArgsAfterRelease("source-watcher", 7));
        foreach (var deployment in build.Deployments)
        {
            Assert.Null(deployment["spec"]!["template"]!["spec"]!["securityContext"]);
            Assert.Equal("small", Annotations(deployment)["fluxcd.controlplane.io/profile"]);
            Assert.Equal("""{"cpu":"1000m","memory":"512Mi"}""", Manager(deployment)["resources"]!["limits"]!.ToJsonString());
        }

        Assert.Equal("data", build.Deployment("source-controller-s1")["spec"]!["template"]!["spec"]!["volumes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("persistent-data", Manager(build.Deployment("source-controller"))["volumeMounts"]![0]!["name"]!.GetValue<string>());
    }
}
