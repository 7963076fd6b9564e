using System.Diagnostics;
using FluxOperator.Controllers.Api.V1;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>The committed `generate crds` output against kubectl and the API emulator.</summary>
public sealed class GeneratedCrdsKubectlTests : IAsyncLifetime
{
    private static readonly string Bases = Path.Combine(OperatorCli.RepositoryRoot, "config", "crd", "bases");

    private KubeApiServer _server = null!;

    public async Task InitializeAsync() => _server = await KubeApiServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // The emulator serves no OpenAPI documents, so kubectl's schema validation is off.
    [Fact]
    public async Task Kubectl_client_dry_run_accepts_both_crds()
    {
        var (exitCode, output, error) = await KubectlAsync("apply", "--dry-run=client", "--validate=false", "-f", Bases);

        Assert.True(exitCode == 0, error);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/fluxinstances.fluxcd.controlplane.io created (dry run)", output, StringComparison.Ordinal);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/fluxreports.fluxcd.controlplane.io created (dry run)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installed_crds_serve_the_sample_which_reads_back_as_typed_objects()
    {
        Assert.Equal(0, (await KubectlAsync("apply", "--validate=false", "-f", Bases)).ExitCode);
        Assert.Equal(0, (await KubectlAsync("create", "namespace", "flux-system")).ExitCode);
        var sample = await KubectlAsync("apply", "--validate=false", "-f", Path.Combine(OperatorCli.RepositoryRoot, "config", "samples", "fluxcd_v1_fluxinstance.yaml"));
        Assert.True(sample.ExitCode == 0, sample.Error);

        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_server.KubeconfigPath));
        using var generic = new GenericClient(client, FluxInstance.KubeGroup, FluxInstance.KubeApiVersion, FluxInstance.KubePluralName, disposeClient: false);
        var instance = await generic.ReadNamespacedAsync<FluxInstance>("flux-system", "flux");

        Assert.Equal("2.x", instance.Spec.Distribution.Version);
        Assert.Equal(6, instance.Spec.ComponentsOrDefault.Count);
        Assert.Equal("Deployment", instance.Spec.Kustomize!.Patches![0].Target!.Kind);
    }

    private async Task<(int ExitCode, string Output, string Error)> KubectlAsync(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_server.KubeconfigPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
