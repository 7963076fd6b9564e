using System.Diagnostics;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The config/ kustomize tree: kubectl builds it, our builder agrees, and the RBAC is what the spec asks.</summary>
public sealed class ConfigTreeTests
{
    public static TheoryData<string> Kustomizations => new() { "default", "crd", "rbac", "manager", "samples" };

    [Theory, MemberData(nameof(Kustomizations))]
    public async Task Kubectl_kustomize_builds_the_same_objects_in_the_same_order_as_the_generators(string kustomization)
    {
        var directory = Path.Combine(PackagingPaths.ConfigRoot, kustomization);
        var kubectl = YamlDocuments.ParseObjects(await Kubectl("kustomize", directory));
        var ours = ConfigTree.Build(directory);
        Assert.Equal(kubectl.Select(Id), ours.Select(Id));
        Assert.All(kubectl.Zip(ours), pair => Assert.True(JsonNode.DeepEquals(pair.First, pair.Second), Id(pair.First)));
    }

    [Fact]
    public void Config_builder_refuses_kustomize_features_it_does_not_implement()
    {
        var root = CatalogUnderTest.TemporaryFolder("flux-operator-config");
        File.WriteAllText(Path.Combine(root, "kustomization.yaml"), "resources: []\nnamePrefix: x-\n");
        var error = Assert.Throws<InvalidDataException>(() => ConfigTree.Build(root));
        Assert.Contains("namePrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Installation_binds_cluster_admin_and_the_leader_election_role_to_the_operator_account()
    {
        var install = ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default"));
        var serviceAccount = install.Single("ServiceAccount", "flux-operator");
        Assert.Equal("flux-system", serviceAccount["metadata"]!["namespace"]!.GetValue<string>());

        var admin = install.Single("ClusterRoleBinding", "flux-operator-cluster-admin");
        Assert.Equal("cluster-admin", admin["roleRef"]!["name"]!.GetValue<string>());
        Assert.Equal("flux-operator", admin["subjects"]![0]!["name"]!.GetValue<string>());

        var leader = install.OfKind("Role").Single();
        var resources = leader["rules"]!.AsArray().SelectMany(r => r!["resources"]!.AsArray().Select(x => x!.GetValue<string>())).ToHashSet();
        Assert.Superset(new HashSet<string> { "leases", "configmaps", "events" }, resources);
        var binding = install.OfKind("RoleBinding").Single();
        Assert.Equal(ManifestSet.NameOf(leader), binding["roleRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Aggregated_roles_touch_only_the_operator_apis_and_viewers_only_read()
    {
        var install = ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default"));
        var edit = install.Single("ClusterRole", "flux-operator-edit");
        var view = install.Single("ClusterRole", "flux-operator-view");
        Assert.Equal("true", edit["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-edit"]!.GetValue<string>());
        Assert.Equal("true", view["metadata"]!["labels"]!["rbac.authorization.k8s.io/aggregate-to-view"]!.GetValue<string>());
        Assert.All(new[] { edit, view }.SelectMany(r => r["rules"]!.AsArray()), rule =>
            Assert.Equal(["fluxcd.controlplane.io"], rule!["apiGroups"]!.AsArray().Select(g => g!.GetValue<string>())));
        var viewVerbs = view["rules"]!.AsArray().SelectMany(r => r!["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["get", "list", "watch"], viewVerbs.Order());
    }

    [Fact]
    public void Metrics_service_selects_the_operator_pod_and_exposes_web_and_metrics_ports()
    {
        var install = ManifestSet.FromKustomization(Path.Combine(PackagingPaths.ConfigRoot, "default"));
        var service = install.Single("Service", "flux-operator");
        var ports = service["spec"]!["ports"]!.AsArray().ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["port"]!.GetValue<long>());
        Assert.Equal(new Dictionary<string, long> { ["http-web"] = 9080, ["http"] = 8080 }, ports);
        var podLabels = install.Single("Deployment", "flux-operator")["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();
        Assert.All(service["spec"]!["selector"]!.AsObject(), s => Assert.Equal(s.Value!.GetValue<string>(), podLabels[s.Key]?.GetValue<string>()));
    }

    internal static async Task<string> Kubectl(params string[] arguments)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)} failed: {await error}");
        return await output;
    }

    private static string Id(JsonObject o) => $"{o["apiVersion"]}/{ManifestSet.KindOf(o)}/{o["metadata"]?["namespace"]}/{ManifestSet.NameOf(o)}";
}
