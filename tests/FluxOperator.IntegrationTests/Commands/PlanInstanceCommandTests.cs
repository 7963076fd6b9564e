using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering;
using FluxOperator.IntegrationTests.EndToEnd;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary><c>plan instance</c> as the real executable: offline against a version or a file, and against what a cluster has installed.</summary>
public sealed class PlanInstanceCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("flux-operator-plan-");

    [Fact]
    public async Task Offline_plan_against_an_older_version_lists_changed_objects_with_field_paths_images_and_dropped_crd_versions()
    {
        var file = Write("candidate.yaml", Instance("2.9.x", "[source-controller, kustomize-controller, notification-controller]"));

        var (code, output, error) = await OperatorCli.RunAsync(_folder.FullName, "plan", "instance", "-f", file, "--from-version", "v2.8.8", "-d", SharedDistribution.Root);

        Assert.True(code == 0, error);
        Assert.StartsWith("Plan v2.8.8 → v2.9.4: objects: 0 added, ", output, StringComparison.Ordinal);
        Assert.Contains(" removed; images changed: 3; CRD versions change: alerts.notification.toolkit.fluxcd.io (v1beta2,v1beta3* → v1beta3*), "
            + "providers.notification.toolkit.fluxcd.io (v1beta2,v1beta3* → v1beta3*), receivers.notification.toolkit.fluxcd.io (v1*,v1beta2 → v1*)\n", output, StringComparison.Ordinal);
        Assert.Contains("~ Deployment/flux-system/source-controller changed\n", output, StringComparison.Ordinal);
        Assert.Contains("    spec.template.spec.containers[name=manager].image\n", output, StringComparison.Ordinal);
        Assert.Contains("  receivers.notification.toolkit.fluxcd.io: v1*,v1beta2 → v1*\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_plan_against_another_file_lists_the_objects_a_new_component_adds()
    {
        var before = Write("before.yaml", Instance("2.9.4", "[source-controller, kustomize-controller]"));
        var after = Write("after.yaml", Instance("2.9.4", "[source-controller, kustomize-controller, helm-controller]"));

        var (code, output, error) = await OperatorCli.RunAsync(_folder.FullName, "plan", "instance", "-f", after, "--from", before, "-d", SharedDistribution.Root);

        Assert.True(code == 0, error);
        Assert.Contains("+ CustomResourceDefinition/helmreleases.helm.toolkit.fluxcd.io added\n", output, StringComparison.Ordinal);
        Assert.Contains("+ Deployment/flux-system/helm-controller added\n", output, StringComparison.Ordinal);
        Assert.Contains("  Deployment/flux-system/helm-controller manager: (none) → ghcr.io/fluxcd/helm-controller:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("~ Deployment/flux-system/source-controller", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_baselines_are_refused_in_one_line()
    {
        var file = Write("candidate.yaml", Instance("2.9.x", "[source-controller]"));

        var (code, _, error) = await OperatorCli.RunAsync(_folder.FullName, "plan", "instance", "-f", file, "--from", file, "--from-version", "v2.8.8");

        Assert.Equal(1, code);
        Assert.Equal("✗ --from and --from-version both name the baseline: give one (see 'flux-operator plan instance --help')\n", error);
    }

    [Fact]
    public async Task Plan_against_the_cluster_rebuilds_the_installed_revision_and_lists_inventory_objects_the_candidate_drops()
    {
        await using var cluster = await E2eCluster.StartAsync();
        var installedYaml = Instance("2.9.2", "[source-controller, kustomize-controller]");
        await cluster.ApplyAsync(installedYaml);
        var installed = FluxInstanceBuilder.Build(ApiYaml.ReadFluxInstance(installedYaml), new BuildSources(SharedDistribution.Root)).Result;
        var entries = installed.Objects.Select(o => (JsonNode?)new JsonObject { ["id"] = ObjectId.Of(o).ToString(), ["v"] = "v1" })
            .Append(new JsonObject { ["id"] = "flux-system_old-controller_apps_Deployment", ["v"] = "v1" }).ToArray();
        await cluster.Client.PatchStatusAsync(E2eCluster.Instances, "flux-system", "flux", new JsonObject
        {
            ["status"] = new JsonObject { ["lastAppliedRevision"] = installed.Revision, ["inventory"] = new JsonObject { ["entries"] = new JsonArray(entries) } },
        }, "e2e-test", CancellationToken.None);
        var candidate = Write("candidate.yaml", Instance("2.9.x", "[source-controller, kustomize-controller]"));

        var (code, output, error) = await OperatorCli.RunAsync(_folder.FullName, "plan", "instance", "-f", candidate, "-d", SharedDistribution.Root,
            "--kubeconfig", cluster.KubeconfigPath, "-n", "flux-system");

        Assert.True(code == 0, error);
        Assert.StartsWith($"Installed: {installed.Revision} (rebuilt exactly from the instance's spec at its installed version)\nPlan v2.9.2 → v2.9.4: objects: 0 added, ", output, StringComparison.Ordinal);
        Assert.Contains(" changed, 1 removed; images changed: 2; CRD versions change: none\n", output, StringComparison.Ordinal);
        Assert.Contains("- Deployment/flux-system/old-controller removed\n", output, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string Instance(string version, string components) => InstanceView.Instance(version, components);
}
