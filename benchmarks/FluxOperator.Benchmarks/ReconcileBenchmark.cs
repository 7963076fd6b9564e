using System.Diagnostics;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Benchmarks;

/// <summary>
/// API requests and wall time of the FluxInstance reconciler per install and per no-op pass, for the default
/// instance and a 6-component 2-shard one, counted from the emulator's request log (in process, real releases).
/// </summary>
internal static class ReconcileBenchmark
{
    private static readonly (string Name, string Spec)[] Scenarios =
    [
        ("default (4 components)", ""),
        ("6 components, 2 shards", "  components: [source-controller, kustomize-controller, helm-controller, notification-controller, image-reflector-controller, image-automation-controller]\n  sharding:\n    shards: [a, b]\n"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        var root = PassRequests.RepositoryRoot();
        Console.WriteLine($"{"instance",-26} {"pass",-16} {"requests",9} {"writes",7} {"dry-runs",9} {"wall ms",8}");
        foreach (var (name, spec) in Scenarios)
        {
            await RunScenarioAsync(root, name, spec);
        }

        return 0;
    }

    private static async Task RunScenarioAsync(string root, string name, string spec)
    {
        await using var api = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
        using var kubernetes = new Kubernetes(api.ClientConfiguration());
        var client = new KubeApiClient(kubernetes);
        foreach (var file in Directory.GetFiles(Path.Combine(root, "config", "crd", "bases"), "*.yaml"))
        {
            api.SeedYaml(await File.ReadAllTextAsync(file));
        }

        api.SeedYaml($"""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: flux-system
            ---
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: flux
              namespace: flux-system
            spec:
              distribution:
                version: "2.x"
                registry: ghcr.io/fluxcd
            {spec}
            """);

        var cache = Directory.CreateTempSubdirectory("reconcile-bench-").FullName;
        using var artifacts = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = cache }, TimeProvider.System);
        var key = new ObjectKey("flux-system", "flux");
        await using var watches = new ManagedObjectWatches(client, _ => { }, key, TimeProvider.System, NullLoggerFactory.Instance);
        await using var services = new ServiceCollection()
            .AddSingleton<IKubeClient>(client)
            .AddSingleton(artifacts)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton<IEventRecorder>(new KubeEventRecorder(client, TimeProvider.System, NullLogger<KubeEventRecorder>.Instance))
            .AddSingleton(watches)
            .AddFluxInstanceReconciler(new FluxInstanceReconcilerOptions { StoragePath = Path.GetFullPath(Path.Combine(root, "..", "shared", "flux-distribution")) })
            .BuildServiceProvider();
        var reconciler = services.GetRequiredService<FluxInstanceReconciler>();

        await reconciler.ReconcileAsync(key, CancellationToken.None); // adds the finalizer
        await PassRequests.MeasureAsync(api, $"{name,-26} install", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        await Task.Delay(1000); // the drift watches list and sync
        await PassRequests.MeasureAsync(api, $"{name,-26} no-op", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        await PassRequests.MeasureAsync(api, $"{name,-26} no-op (again)", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        Directory.Delete(cache, recursive: true);
    }
}
