using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Commands;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// The cluster an end-to-end test runs against: the cluster of <c>KUBECONFIG</c> when it is set, else a fresh API
/// emulator with the Deployment simulator. Tests that need the emulator's knobs ask for <see cref="Emulator"/>.
/// </summary>
internal sealed class E2eCluster : IAsyncDisposable
{
    public const string Namespace = "flux-system";
    private static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", true);
    private readonly Kubernetes _kubernetes;

    private E2eCluster(string kubeconfigPath, KubeApiServer? emulator)
    {
        KubeconfigPath = kubeconfigPath;
        OperatorKubeconfigPath = kubeconfigPath;
        Emulator = emulator;
        _kubernetes = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        Client = new KubeApiClient(_kubernetes);
    }

    /// <summary>True when the suite targets a real cluster (<c>KUBECONFIG</c> set).</summary>
    public static bool IsRealCluster => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KUBECONFIG"));

    public string KubeconfigPath { get; }

    /// <summary>
    /// What the operator process runs with: on the emulator its service account bound to the RBAC we ship (so a permission
    /// missing from <c>config/rbac</c> fails the test); on a real cluster the suite's own kubeconfig.
    /// </summary>
    public string OperatorKubeconfigPath { get; private set; }

    /// <summary>The emulator, or null on a real cluster.</summary>
    public KubeApiServer? Emulator { get; }

    /// <summary>The emulator; fails the test clearly when the suite targets a real cluster.</summary>
    public KubeApiServer Knobs => Emulator ?? throw new InvalidOperationException(
        "this test injects faults through the API emulator; run it without KUBECONFIG (filter it out with --filter \"Requires!=emulator\")");

    public KubeApiClient Client { get; }

    public static async Task<E2eCluster> StartAsync()
    {
        E2eCluster cluster;
        if (IsRealCluster)
        {
            cluster = new E2eCluster(Environment.GetEnvironmentVariable("KUBECONFIG")!.Split(Path.PathSeparator)[0], null);
        }
        else
        {
            var emulator = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
            cluster = new E2eCluster(emulator.KubeconfigPath, emulator);
        }

        await cluster.PrepareAsync();
        return cluster;
    }

    public async Task ApplyAsync(string yaml)
    {
        foreach (var obj in YamlDocuments.ParseObjects(yaml))
        {
            var type = await Client.Mapper.MapAsync(obj, CancellationToken.None);
            await Client.ApplyAsync(type, obj, new ApplyOptions("e2e-test", Force: true), CancellationToken.None);
        }
    }

    public async Task<JsonObject?> InstanceAsync() =>
        await Client.GetAsync(Instances, Namespace, "flux", CancellationToken.None);

    public Task<JsonObject?> ReportAsync() => Client.GetAsync(Reports, Namespace, "flux", CancellationToken.None);

    public Task<JsonObject?> DeploymentAsync(string name) => Client.GetAsync(Deployments, Namespace, name, CancellationToken.None);

    public async Task<IReadOnlyList<string>> DeploymentNamesAsync() =>
        (await Client.ListAllAsync(Deployments, Namespace, null, CancellationToken.None)).Items.Select(ObjectMeta.Name).Order(StringComparer.Ordinal).ToArray();

    public async Task<IReadOnlyList<JsonObject>> EventsAsync() =>
        (await Client.ListAllAsync(new ResourceType("", "v1", "Event", "events", true), Namespace, null, CancellationToken.None)).Items
            .Where(e => e["involvedObject"]?["kind"]?.GetValue<string>() == "FluxInstance")
            .ToArray();

    public Task DeleteInstanceAsync() => Client.DeleteAsync(Instances, Namespace, "flux", null, CancellationToken.None);

    public Task DeleteDeploymentAsync(string name) => Client.DeleteAsync(Deployments, Namespace, name, null, CancellationToken.None);

    public static ResourceType Reports { get; } = new("fluxcd.controlplane.io", "v1", "FluxReport", "fluxreports", true);

    public static ResourceType Instances { get; } = new("fluxcd.controlplane.io", "v1", "FluxInstance", "fluxinstances", true);

    public async ValueTask DisposeAsync()
    {
        if (Emulator is null)
        {
            // A real cluster is shared between tests: leave it without an instance (the uninstall runs while the operator does).
            await Client.DeleteAsync(Instances, Namespace, "flux", null, CancellationToken.None);
        }

        _kubernetes.Dispose();
        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
            File.Delete(OperatorKubeconfigPath);
        }
    }

    private async Task PrepareAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(OperatorCli.RepositoryRoot, "config", "crd", "bases"), "*.yaml"))
        {
            await ApplyAsync(await File.ReadAllTextAsync(file));
        }

        await ApplyAsync($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n");
        if (Emulator is not null)
        {
            await ApplyAsync(Runtime.ShippedRbac.Yaml());
            OperatorKubeconfigPath = Emulator.WriteKubeconfig(Runtime.ShippedRbac.OperatorServiceAccount);
        }
    }
}
