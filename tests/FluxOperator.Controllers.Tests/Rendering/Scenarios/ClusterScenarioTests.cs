using System.Text.Json.Nodes;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>Cluster settings, size profiles, storage and workload identity.</summary>
public class ClusterScenarioTests
{
    [Fact]
    public void Enterprise_registry_pull_secret_no_network_policies_custom_domain()
    {
        var build = Build(Instance("""
            distribution:
              version: "2.8.x"
              registry: "ghcr.io/controlplaneio-fluxcd/distroless"
              imagePullSecret: flux-enterprise-auth
            cluster:
              networkPolicy: false
              domain: example.internal
            """));

        Assert.Equal("v2.8.8", build.Result.Version);
        Assert.Equal(29, build.All.Count);
        Assert.Equal(0, build.Count("NetworkPolicy"));
        Assert.All(build.Deployments, d => Assert.Equal("""[{"name":"flux-enterprise-auth"}]""", d["spec"]!["template"]!["spec"]!["imagePullSecrets"]!.ToJsonString()));
        Assert.Equal("--events-addr=http://notification-controller.flux-system.svc.example.internal./", build.Args("kustomize-controller")[0]);
        Assert.Equal("--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.example.internal.", build.Args("source-controller")[6]);
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless/source-controller:v1.8.5@sha256:2fdcdcb9953439597dcfa0d1f456f3deb2150495a84f750e600e8d8ed093c8d4", build.Image("source-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless/kustomize-controller:v1.8.5@sha256:644729c43826970e668ce75ad10836590ecf99349f5d62d6cb88ed12a9dfd24c", build.Image("kustomize-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless/helm-controller:v1.5.5@sha256:98437c74b9c443711f52b49702f7de56940f828e42070c43148a122880331a4c", build.Image("helm-controller"));
        Assert.Equal("ghcr.io/controlplaneio-fluxcd/distroless/notification-controller:v1.8.4@sha256:aa1419350dced2fbb8172511be11d024c2a243adfcf8348746d5a85fc3a97622", build.Image("notification-controller"));
    }

    [Fact]
    public void Non_default_namespace_without_notification_controller()
    {
        var build = Build(Instance(Distro("2.6.x") + "\ncomponents: [source-controller, kustomize-controller]", "gitops"));

        Assert.Equal("v2.6.4", build.Result.Version);
        Assert.Equal(21, build.All.Count);
        Assert.True(build.Has("Namespace", "gitops"));
        Assert.Equal(["crd-controller-gitops", "flux-edit-gitops", "flux-view-gitops"], build.Names("ClusterRole"));
        Assert.Equal(["cluster-reconciler-gitops", "crd-controller-gitops"], build.Names("ClusterRoleBinding"));
        Assert.Equal("crd-controller-gitops", build.Get("ClusterRoleBinding", "crd-controller-gitops")["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("gitops", Namespace(build.Get("ResourceQuota", "critical-pods-gitops")));
        foreach (var binding in build.All.Where(o => Kind(o) == "ClusterRoleBinding"))
        {
            Assert.All(binding["subjects"]!.AsArray(), s => Assert.Equal("gitops", s!["namespace"]!.GetValue<string>()));
        }

        var clusterScoped = new[] { "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding" };
        Assert.All(build.All.Where(o => !clusterScoped.Contains(Kind(o))), o => Assert.Equal("gitops", Namespace(o)));
        Assert.All(build.All, o => Assert.Equal("gitops", Labels(o)["app.kubernetes.io/instance"]));
        Assert.Equal("--events-addr=", build.Args("source-controller")[0]);
        Assert.Equal("--events-addr=", build.Args("kustomize-controller")[0]);
        var role = Rules(build.Get("ClusterRole", "crd-controller-gitops"));
        Assert.DoesNotContain(role, IsTokenRule);
        Assert.DoesNotContain(role, IsOperatorRule);
    }

    [Fact]
    public void Openshift_with_multitenancy_and_git_sync()
    {
        var build = Build(Instance("""
            distribution:
              version: "2.8.x"
              registry: "ghcr.io/fluxcd"
            cluster:
              type: openshift
              multitenant: true
              tenantDefaultServiceAccount: flux
            sync:
              kind: GitRepository
              url: "https://github.com/org/fleet.git"
              ref: "refs/heads/main"
              path: "clusters/prod"
            """));

        Assert.Equal(34, build.All.Count);
        Assert.DoesNotContain(Labels(build.Get("Namespace", "flux-system")).Keys, k => k.StartsWith("pod-security.kubernetes.io/", StringComparison.Ordinal));
        foreach (var deployment in build.Deployments)
        {
            Assert.Null(deployment["spec"]!["template"]!["spec"]!["securityContext"]);
            Assert.Equal(
                ["allowPrivilegeEscalation", "capabilities", "readOnlyRootFilesystem"],
                Manager(deployment)["securityContext"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        }

        const string Gate = "--feature-gates=ObjectLevelWorkloadIdentity=false";
        Assert.Equal(["--no-cross-namespace-refs=true", "--no-remote-bases=true", "--default-service-account=flux", Gate], build.ArgsAfterRelease("kustomize-controller", 5));
        Assert.Equal(["--no-cross-namespace-refs=true", "--default-service-account=flux", Gate], build.ArgsAfterRelease("helm-controller", 5));
        Assert.Equal(["--no-cross-namespace-refs=true", Gate], build.ArgsAfterRelease("notification-controller", 4));
        Assert.Equal([Gate], build.ArgsAfterRelease("source-controller", 7));
        var git = build.Get("GitRepository", "flux-system");
        Assert.Equal("source.toolkit.fluxcd.io/v1", git["apiVersion"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"interval":"1m0s","ref":{"name":"refs/heads/main"},"url":"https://github.com/org/fleet.git"}"""), git["spec"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"interval":"10m0s","path":"clusters/prod","prune":true,"serviceAccountName":"kustomize-controller","sourceRef":{"kind":"GitRepository","name":"flux-system"}}"""),
            build.Get("Kustomization", "flux-system")["spec"]));
    }

    [Fact]
    public void Large_profile_scales_kustomize_helm_and_source_only()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            components:
              - source-controller
              - kustomize-controller
              - helm-controller
              - notification-controller
              - image-reflector-controller
            cluster:
              size: large
            """));

        Assert.Equal(36, build.All.Count);
        Assert.Equal((13, 5, 3, 5), (build.Count("CustomResourceDefinition"), build.Count("ServiceAccount"), build.Count("Service"), build.Count("Deployment")));
        Assert.All(build.Deployments, d => Assert.Equal("large", Annotations(d)["fluxcd.controlplane.io/profile"]));
        const string Gate = "--feature-gates=ObjectLevelWorkloadIdentity=false";
        foreach (var name in new[] { "kustomize-controller", "helm-controller" })
        {
            AssertResources(build, name, "100m", "256Mi", "3000m", "3Gi");
            Assert.Equal(["--concurrent=20", "--requeue-dependency=5s", Gate], build.ArgsAfterRelease(name, 5));
        }

        AssertResources(build, "source-controller", "100m", "256Mi", "2000m", "2Gi");
        Assert.Equal(
            ["--helm-cache-max-size=100", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m", "--concurrent=10", Gate],
            build.ArgsAfterRelease("source-controller", 7));
        AssertResources(build, "notification-controller", "100m", "64Mi", "1000m", "1Gi");
        AssertResources(build, "image-reflector-controller", "100m", "64Mi", "1000m", "1Gi");
    }

    [Fact]
    public void Small_and_medium_profiles_differ_from_each_other_and_from_the_default()
    {
        var small = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents + "\ncluster: {size: small}"));
        var medium = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents + "\ncluster: {size: medium}"));
        var plain = Build(Instance(Distro("2.x") + "\n" + DefaultBuildScenarioTests.AllComponents));

        Assert.All(small.Deployments, d => AssertResources(small, Name(d), "100m", "64Mi", "1000m", "512Mi"));
        Assert.Equal(
            ["--concurrent=5", "--requeue-dependency=10s", "--feature-gates=ExternalArtifact=true", "--feature-gates=ObjectLevelWorkloadIdentity=false"],
            small.ArgsAfterRelease("kustomize-controller", 5));
        Assert.Equal(
            ["--helm-cache-max-size=10", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m", "--feature-gates=ObjectLevelWorkloadIdentity=false"],
            small.ArgsAfterRelease("source-controller", 7));

        foreach (var name in new[] { "kustomize-controller", "helm-controller", "source-controller" })
        {
            AssertResources(medium, name, "100m", "128Mi", "2000m", "1Gi");
        }

        AssertResources(medium, "source-watcher", "50m", "64Mi", "1000m", "1Gi");
        Assert.Equal(["--concurrent=10", "--requeue-dependency=5s"], medium.ArgsAfterRelease("helm-controller", 5)[..2]);
        Assert.Equal(
            ["--helm-cache-max-size=50", "--helm-cache-ttl=720m", "--helm-cache-purge-interval=60m", "--concurrent=5"],
            medium.ArgsAfterRelease("source-controller", 7)[..4]);
        Assert.Equal(3, new[] { small, medium, plain }.Select(b => b.Result.Revision).Distinct().Count());
    }

    [Fact]
    public void Persistent_storage_mounts_a_claim_in_the_main_source_controller()
    {
        var build = Build(Instance(Distro("2.4.0") + "\nstorage:\n  class: standard\n  size: 10Gi"));

        Assert.Equal("v2.4.0", build.Result.Version);
        Assert.Equal(32, build.All.Count);
        var pvc = build.Get("PersistentVolumeClaim", "source-controller");
        Assert.Equal("flux-system", Namespace(pvc));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"accessModes":["ReadWriteOnce"],"storageClassName":"standard","resources":{"requests":{"storage":"10Gi"}}}"""), pvc["spec"]));
        Assert.Equal("flux-operator", Labels(pvc)["app.kubernetes.io/managed-by"]);
        Assert.Equal("Ignore", Annotations(pvc)["kustomize.toolkit.fluxcd.io/ssa"]);
        var pod = build.Deployment("source-controller")["spec"]!["template"]!["spec"]!;
        var volumes = pod["volumes"]!.AsArray();
        Assert.Equal(["data", "tmp", "persistent-data"], volumes.Select(v => v!["name"]!.GetValue<string>()));
        Assert.Equal("source-controller", volumes[2]!["persistentVolumeClaim"]!["claimName"]!.GetValue<string>());
        Assert.Equal("""{"name":"persistent-data","mountPath":"/data"}""", Manager(build.Deployment("source-controller"))["volumeMounts"]![0]!.ToJsonString());
    }

    [Fact]
    public void Workload_identity_lockdown_on_2_7()
    {
        var build = Build(Instance(Distro("2.7.x") + """

            cluster:
              objectLevelWorkloadIdentity: true
              multitenantWorkloadIdentity: true
              tenantDefaultServiceAccount: flux-tenant
              tenantDefaultDecryptionServiceAccount: flux-sops
            """));

        Assert.Equal("v2.7.5", build.Result.Version);
        Assert.Equal(32, build.All.Count);
        Assert.Contains(Rules(build.Get("ClusterRole", "crd-controller-flux-system")), IsTokenRule);
        const string Gate = "--feature-gates=ObjectLevelWorkloadIdentity=true";
        Assert.Equal([Gate, "--default-kubeconfig-service-account=default"], build.ArgsAfterRelease("helm-controller", 5));
        Assert.Equal(
            [Gate, "--default-decryption-service-account=flux-sops", "--default-kubeconfig-service-account=default"],
            build.ArgsAfterRelease("kustomize-controller", 5));
        Assert.Equal([Gate, "--default-service-account=flux-tenant"], build.ArgsAfterRelease("notification-controller", 4));
        Assert.Equal([Gate, "--default-service-account=flux-tenant"], build.ArgsAfterRelease("source-controller", 7));
        Assert.DoesNotContain(build.Deployments, d => ArgsOf(d).Contains("--no-cross-namespace-refs=true"));
    }

    [Theory]
    [InlineData("2.5.x", "objectLevelWorkloadIdentity: true", ".objectLevelWorkloadIdentity and .multitenantWorkloadIdentity are not supported in Flux versions < 2.6.0")]
    [InlineData("2.6.x", "objectLevelWorkloadIdentity: true\n  multitenantWorkloadIdentity: true", ".multitenantWorkloadIdentity is not supported in Flux versions 2.6.x")]
    [InlineData("2.7.x", "objectLevelWorkloadIdentity: false\n  multitenantWorkloadIdentity: true", ".objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true")]
    public void Workload_identity_on_unsupported_versions_fails(string version, string cluster, string message) =>
        Assert.Equal(message, Error(Instance(Distro(version) + "\ncluster:\n  " + cluster)));

    [Fact]
    public void Object_level_identity_on_2_6_gates_all_but_helm_and_keeps_the_token_rule()
    {
        var build = Build(Instance(Distro("2.6.x") + "\ncluster:\n  objectLevelWorkloadIdentity: true"));

        foreach (var name in new[] { "source-controller", "kustomize-controller", "notification-controller" })
        {
            Assert.Equal("--feature-gates=ObjectLevelWorkloadIdentity=true", build.Args(name)[^1]);
        }

        Assert.DoesNotContain(build.Args("helm-controller"), a => a.StartsWith("--feature-gates", StringComparison.Ordinal));
        Assert.Contains(Rules(build.Get("ClusterRole", "crd-controller-flux-system")), IsTokenRule);
    }

    private static void AssertResources(RenderedObjects build, string deployment, string requestCpu, string requestMemory, string limitCpu, string limitMemory)
    {
        var resources = Manager(build.Deployment(deployment))["resources"]!;
        Assert.Equal(
            (requestCpu, requestMemory, limitCpu, limitMemory),
            (resources["requests"]!["cpu"]!.GetValue<string>(), resources["requests"]!["memory"]!.GetValue<string>(),
             resources["limits"]!["cpu"]!.GetValue<string>(), resources["limits"]!["memory"]!.GetValue<string>()));
    }
}
