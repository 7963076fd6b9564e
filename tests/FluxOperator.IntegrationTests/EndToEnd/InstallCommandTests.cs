using FluxOperator.Controllers.Primitives;
using FluxOperator.IntegrationTests.Commands;
using KubeApiEmulator.Auth;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// <c>install</c> and <c>uninstall</c> as the real executable. The emulator only simulates the operator's Deployment, so
/// the test runs the real operator process beside it; the install waits on that operator making the instance Ready.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class InstallCommandTests
{
    private static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", false);

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Install_applies_the_embedded_manifests_and_waits_for_the_instance_and_uninstall_removes_flux_in_order()
    {
        await using var cluster = await E2eCluster.StartAsync();
        var dir = Directory.CreateTempSubdirectory("install-").FullName;
        var file = Path.Combine(dir, "instance.yaml");
        await File.WriteAllTextAsync(file, Instance("2.x"));
        int uninstallCode;
        string uninstalled, uninstallError;
        await using (var op = OperatorProcess.Start(cluster))
        {
            var (code, output, error) = await CliAsync(cluster, dir, "install", "-f", file);

            Assert.True(code == 0, error + op.Output[^Math.Min(4000, op.Output.Length)..]);
            var lines = output.TrimEnd('\n').Split('\n');
            Assert.Equal("◎ Installing Flux Operator in flux-system namespace...", lines[0]);
            Assert.Contains("✔ CustomResourceDefinition/fluxinstances.fluxcd.controlplane.io applied", lines);
            Assert.Contains("✔ Deployment/flux-system/flux-operator applied", lines);
            Assert.Equal(
                ["◎ Waiting for Flux Operator to be ready...", "✔ Flux Operator has been installed successfully", "◎ Installing the Flux instance...",
                 "✔ FluxInstance/flux-system/flux applied", "◎ Waiting for Flux instance to be ready...", "✔ Flux has been installed successfully"],
                lines[^7..^1]);
            Assert.Matches(@"^✔ Installation completed in \S+$", lines[^1]);
            Assert.True(IsReady(await cluster.InstanceAsync()));
            Assert.NotNull(await cluster.DeploymentAsync("flux-operator"));

            var (againCode, again, _) = await CliAsync(cluster, dir, "install", "-f", file);
            Assert.Equal(0, againCode);
            Assert.StartsWith("◎ Upgrading Flux Operator in flux-system namespace...\n", again, StringComparison.Ordinal);

            // A user who may not delete anything: every step is tried, each failure reported, and the exit code says so.
            var viewer = cluster.Knobs.WriteKubeconfig(UserInfo.User("viewer"));
            var (deniedCode, denied, deniedError) = await OperatorCli.RunAsync(dir, "uninstall", "--kubeconfig", viewer);
            Assert.Equal(1, deniedCode);
            Assert.Contains("✗ Failed to ", denied, StringComparison.Ordinal);
            Assert.Matches(@"^✗ uninstall finished with \d+ failed step\(s\)\n$", deniedError);
            Assert.NotNull(await cluster.InstanceAsync());

            // Deleting the Deployment stops the operator's pod; the emulator only simulates it, so the test stops it.
            await op.StopAsync();
            (uninstallCode, uninstalled, uninstallError) = await CliAsync(cluster, dir, "uninstall");
        }

        Assert.True(uninstallCode == 0, uninstallError);
        var steps = uninstalled.Split('\n').Where(l => l.StartsWith('◎')).ToArray();
        Assert.Equal(
            ["◎ Deleting cluster roles and bindings...", "◎ Deleting deployments in flux-system...", "◎ Removing finalizers from Flux objects...",
             "◎ Deleting CRDs...", "◎ Deleting namespace flux-system..."],
            steps);
        Assert.Contains("✔ Deployment/flux-system/source-controller deleted\n", uninstalled, StringComparison.Ordinal);
        Assert.Contains("✔ ClusterRoleBinding/flux-operator-manager deleted\n", uninstalled, StringComparison.Ordinal);
        Assert.Matches(@"\n✔ Uninstallation completed in \S+\n$", uninstalled);
        var crds = (await cluster.Client.ListAllAsync(Crds, null, null, CancellationToken.None)).Items;
        Assert.DoesNotContain(crds, c => c["spec"]!["group"]!.GetValue<string>().Contains("fluxcd", StringComparison.Ordinal));
        Assert.Null(await cluster.DeploymentAsync("flux-operator"));
        await Poll.UntilAsync(async () => await cluster.Client.GetAsync(Namespaces, null, "flux-system", CancellationToken.None) is null, "the namespace is gone");
        Directory.Delete(dir, recursive: true);
    }

    private static Task<(int ExitCode, string Output, string Error)> CliAsync(E2eCluster cluster, string dir, params string[] args) =>
        OperatorCli.RunAsync(dir, [.. args, "--kubeconfig", cluster.KubeconfigPath]);
}
