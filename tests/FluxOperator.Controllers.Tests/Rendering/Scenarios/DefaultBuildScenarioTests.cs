using System.Text.Json.Nodes;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>Default and all-components builds.</summary>
public class DefaultBuildScenarioTests
{
    private static readonly string[] OperatorKinds = ["FluxInstance", "ResourceSet", "ResourceSetInputProvider"];

    [Fact]
    public void Defaults_on_an_old_minor_render_the_four_default_controllers()
    {
        var build = Build(Instance(Distro("2.3.x")));

        Assert.Equal("v2.3.0", build.Result.Version);
        Assert.Matches("^v2\\.3\\.0@sha256:[0-9a-f]{64}$", build.Result.Revision);
        Assert.Equal(31, build.All.Count);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["ClusterRole"] = 3, ["ClusterRoleBinding"] = 2, ["CustomResourceDefinition"] = 10, ["Deployment"] = 4, ["Namespace"] = 1,
                ["NetworkPolicy"] = 3, ["ResourceQuota"] = 1, ["Service"] = 3, ["ServiceAccount"] = 4,
            },
            build.Counts);
        Assert.Equal(["notification-controller", "source-controller", "webhook-receiver"], build.Names("Service"));
    }

    [Fact]
    public void Objects_are_sorted_for_applying()
    {
        var build = Build(Instance(Distro("2.3.x")));
        var order = build.All.Select(o => $"{Kind(o)}/{Name(o)}").ToArray();

        Assert.Equal("CustomResourceDefinition/alerts.notification.toolkit.fluxcd.io", order[0]);
        Assert.Equal("CustomResourceDefinition/receivers.notification.toolkit.fluxcd.io", order[9]);
        Assert.Equal(build.Names("CustomResourceDefinition").Order(StringComparer.Ordinal), build.Names("CustomResourceDefinition"));
        Assert.Equal(
            [
                "Namespace/flux-system", "ClusterRole/crd-controller-flux-system", "ClusterRole/flux-edit-flux-system",
                "ClusterRole/flux-view-flux-system", "ClusterRoleBinding/cluster-reconciler-flux-system",
                "ClusterRoleBinding/crd-controller-flux-system", "ResourceQuota/critical-pods-flux-system",
            ],
            order[10..17]);
        Assert.Equal(
            ["Deployment/helm-controller", "Deployment/kustomize-controller", "Deployment/notification-controller", "Deployment/source-controller"],
            order.Where(o => o.StartsWith("Deployment/", StringComparison.Ordinal)));
        Assert.Equal(["NetworkPolicy/allow-egress", "NetworkPolicy/allow-scraping", "NetworkPolicy/allow-webhooks"], order[^3..]);
    }

    [Fact]
    public void Images_are_pinned_by_digest_and_reported_in_spec_order()
    {
        var build = Build(Instance(Distro("2.3.x")));

        Assert.Equal("ghcr.io/fluxcd/source-controller:v1.3.0@sha256:161da425b16b64dda4b3cec2ba0f8d7442973aba29bb446db3b340626181a0bc", build.Image("source-controller"));
        Assert.Equal("ghcr.io/fluxcd/kustomize-controller:v1.3.0@sha256:48a032574dd45c39750ba0f1488e6f1ae36756a38f40976a6b7a588d83acefc1", build.Image("kustomize-controller"));
        Assert.Equal("ghcr.io/fluxcd/helm-controller:v1.0.1@sha256:a67a037faa850220ff94d8090253732079589ad9ff10b6ddf294f3b7cd0f3424", build.Image("helm-controller"));
        Assert.Equal("ghcr.io/fluxcd/notification-controller:v1.3.0@sha256:c0fab940c7e578ea519097d36c040238b0cc039ce366fdb753947428bbf0c3d6", build.Image("notification-controller"));
        Assert.Equal(["source-controller", "kustomize-controller", "helm-controller", "notification-controller"], build.Result.Components.Select(c => c.Name));
        var source = build.Result.Components[0];
        Assert.Equal(("ghcr.io/fluxcd/source-controller", "v1.3.0", "sha256:161da425b16b64dda4b3cec2ba0f8d7442973aba29bb446db3b340626181a0bc"), (source.Repository, source.Tag, source.Digest));
    }

    [Fact]
    public void Source_controller_args_carry_the_instance_addresses_and_no_gates()
    {
        var build = Build(Instance(Distro("2.3.x")));

        Assert.Equal(
            [
                "--events-addr=http://notification-controller.flux-system.svc.cluster.local./", "--watch-all-namespaces=true", "--log-level=info",
                "--log-encoding=json", "--enable-leader-election", "--storage-path=/data",
                "--storage-adv-addr=source-controller.$(RUNTIME_NAMESPACE).svc.cluster.local.",
            ],
            build.Args("source-controller"));
        Assert.DoesNotContain(build.Deployments, d => ArgsOf(d).Any(a => a.StartsWith("--feature-gates", StringComparison.Ordinal)));
    }

    [Fact]
    public void Namespace_and_deployments_carry_exactly_the_operator_metadata()
    {
        var build = Build(Instance(Distro("2.3.x")));
        var ns = build.Get("Namespace", "flux-system");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app.kubernetes.io/instance"] = "flux-system", ["app.kubernetes.io/managed-by"] = "flux-operator",
                ["app.kubernetes.io/part-of"] = "flux", ["app.kubernetes.io/version"] = "v2.3.0",
                ["pod-security.kubernetes.io/warn"] = "restricted", ["pod-security.kubernetes.io/warn-version"] = "latest",
            },
            Labels(ns).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["fluxcd.controlplane.io/prune"] = "disabled", ["kustomize.toolkit.fluxcd.io/prune"] = "Disabled", ["kustomize.toolkit.fluxcd.io/ssa"] = "Ignore",
            },
            Annotations(ns).OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary());
        foreach (var deployment in build.Deployments)
        {
            var pod = deployment["spec"]!["template"]!;
            Assert.Equal("linux", pod["spec"]!["nodeSelector"]!["kubernetes.io/os"]!.GetValue<string>());
            Assert.Equal("flux", pod["metadata"]!["labels"]!["app.kubernetes.io/part-of"]!.GetValue<string>());
            Assert.Equal("true", pod["metadata"]!["annotations"]!["cluster-autoscaler.kubernetes.io/safe-to-evict"]!.GetValue<string>());
            Assert.Null(pod["spec"]!["imagePullSecrets"]);
            Assert.False(Annotations(deployment).ContainsKey("fluxcd.controlplane.io/profile"));
        }
    }

    [Fact]
    public void Rbac_is_suffixed_extended_for_the_operator_and_has_no_token_rule()
    {
        var build = Build(Instance(Distro("2.3.x")));
        var role = build.Get("ClusterRole", "crd-controller-flux-system");
        var binding = build.Get("ClusterRoleBinding", "crd-controller-flux-system");

        Assert.True(IsOperatorRule(Rules(role)[^1]));
        Assert.Equal("""{"apiGroups":["fluxcd.controlplane.io"],"resources":["*"],"verbs":["*"]}""", Rules(role)[^1].ToJsonString());
        Assert.DoesNotContain(Rules(role), IsTokenRule);
        Assert.Equal("crd-controller-flux-system", binding["roleRef"]!["name"]!.GetValue<string>());
        var subjects = binding["subjects"]!.AsArray();
        Assert.Equal(6, subjects.Count);
        Assert.All(subjects, s => Assert.Equal("flux-system", s!["namespace"]!.GetValue<string>()));
        Assert.Equal("cluster-admin", build.Get("ClusterRoleBinding", "cluster-reconciler-flux-system")["roleRef"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2.3.x", new[] { "v1beta1", "v1beta2", "v1beta3" }, new[] { "v1", "v1beta1", "v1beta2" })]
    [InlineData("2.7.x", new[] { "v1beta2", "v1beta3" }, new[] { "v1", "v1beta2" })]
    [InlineData("2.9.x", new[] { "v1beta3" }, new[] { "v1" })]
    public void Notification_kind_enums_gain_the_operator_kinds_in_every_served_version(string version, string[] alertVersions, string[] receiverVersions)
    {
        var build = Build(Instance(Distro(version)));

        AssertEnums(build.Get("CustomResourceDefinition", "alerts.notification.toolkit.fluxcd.io"), alertVersions, "eventSources");
        AssertEnums(build.Get("CustomResourceDefinition", "receivers.notification.toolkit.fluxcd.io"), receiverVersions, "resources");
    }

    [Fact]
    public void Latest_release_with_all_components()
    {
        var build = Build(Instance(Distro("2.x") + "\n" + AllComponents));

        Assert.Equal("v2.9.4", build.Result.Version);
        Assert.Equal(43, build.All.Count);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["ClusterRole"] = 3, ["ClusterRoleBinding"] = 2, ["CustomResourceDefinition"] = 15, ["Deployment"] = 7, ["Namespace"] = 1,
                ["NetworkPolicy"] = 3, ["ResourceQuota"] = 1, ["Service"] = 4, ["ServiceAccount"] = 7,
            },
            build.Counts);
        string[] gates = ["--feature-gates=ExternalArtifact=true", "--feature-gates=ObjectLevelWorkloadIdentity=false"];
        Assert.Equal(gates, build.Args("kustomize-controller")[^2..]);
        Assert.Equal(gates, build.Args("helm-controller")[^2..]);
        foreach (var name in new[] { "source-controller", "notification-controller", "image-reflector-controller", "image-automation-controller" })
        {
            Assert.Equal("--feature-gates=ObjectLevelWorkloadIdentity=false", build.Args(name)[^1]);
            Assert.Single(build.Args(name), a => a.StartsWith("--feature-gates", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(build.Args("source-watcher"), a => a.StartsWith("--feature-gates", StringComparison.Ordinal));
        Assert.Equal("--storage-adv-addr=source-watcher.$(RUNTIME_NAMESPACE).svc.cluster.local.", build.Args("source-watcher")[^1]);
        Assert.DoesNotContain(Rules(build.Get("ClusterRole", "crd-controller-flux-system")), IsTokenRule);
        Assert.Contains(
            build.Get("ClusterRoleBinding", "crd-controller-flux-system")["subjects"]!.AsArray(),
            s => s!["name"]!.GetValue<string>() == "source-watcher");
    }

    [Fact]
    public void Images_of_all_seven_components_and_status_in_spec_order()
    {
        var build = Build(Instance(Distro("2.x") + "\n" + AllComponents));
        var expected = new Dictionary<string, string>
        {
            ["source-controller"] = "v1.9.4@sha256:8a8ed0a57b8b86f561d5a4309a69f65e62f0cebe4de8801593c5ff35a3bc3c23",
            ["kustomize-controller"] = "v1.9.4@sha256:2b8bec54ffb6caf421bd2a6c005d27f567d5dd4db7feb55794fb51fcabd69b8f",
            ["helm-controller"] = "v1.6.3@sha256:16ada99456385100698a5d7adf90aba8a2089d987ab541c9566b6d7b0e897038",
            ["notification-controller"] = "v1.9.3@sha256:071c351a0fb163eeb6a2bb82f1e894f51b6b0734216d2e97d3d99c9ab9d710b9",
            ["image-reflector-controller"] = "v1.2.4@sha256:d63550296dc9a6c2b7c9246cb7ef6e52d7469d5b104cd329622301b46971e255",
            ["image-automation-controller"] = "v1.2.4@sha256:0286cbba95a2606a006e370052cb642f4370cb42ceea8353b5cba922cf47770c",
            ["source-watcher"] = "v2.2.3@sha256:40f35415a78f4514aea41cf4d6dd299d59bc646eb4a73365eac831c8ced2445a",
        };

        foreach (var (name, tagAndDigest) in expected)
        {
            Assert.Equal($"ghcr.io/fluxcd/{name}:{tagAndDigest}", build.Image(name));
        }

        Assert.Equal(expected.Keys, build.Result.Components.Select(c => c.Name));
    }

    internal const string AllComponents = """
        components:
          - source-controller
          - kustomize-controller
          - helm-controller
          - notification-controller
          - image-reflector-controller
          - image-automation-controller
          - source-watcher
        """;

    private static void AssertEnums(JsonObject crd, string[] versions, string property)
    {
        var served = crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>().ToArray();
        Assert.Equal(versions, served.Select(v => v["name"]!.GetValue<string>()));
        foreach (var version in served)
        {
            var kinds = version["schema"]!["openAPIV3Schema"]!["properties"]!["spec"]!["properties"]![property]!["items"]!["properties"]!["kind"]!["enum"]!
                .AsArray().Select(k => k!.GetValue<string>()).ToArray();
            Assert.Equal(OperatorKinds, kinds[^3..]);
        }
    }
}
