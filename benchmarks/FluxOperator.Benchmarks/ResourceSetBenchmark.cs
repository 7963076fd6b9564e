using System.Diagnostics;
using System.Text;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using k8s.Models;
using KubeApiEmulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Benchmarks;

/// <summary>
/// API requests and wall time of the ResourceSet reconciler for a 500-object set (100 inputs × 5 templated
/// ConfigMaps): the install, a no-op pass, and a pass after one input was dropped (5 objects pruned), counted from
/// the emulator's request log.
/// </summary>
internal static class ResourceSetBenchmark
{
    private const int Inputs = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        _ = args;
        await using var api = await KubeApiServer.StartAsync();
        using var kubernetes = new Kubernetes(api.ClientConfiguration());
        var client = new KubeApiClient(kubernetes);
        var root = PassRequests.RepositoryRoot();
        foreach (var file in Directory.GetFiles(Path.Combine(root, "config", "crd", "bases"), "*.yaml"))
        {
            api.SeedYaml(await File.ReadAllTextAsync(file));
        }

        api.SeedYaml("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench\n");
        api.SeedYaml(Set(Inputs));
        var reconciler = new ResourceSetReconciler(client, new NoEvents(), new ResourceSetReconcilerOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        var key = new ObjectKey("bench", "bench");
        await reconciler.ReconcileAsync(key, CancellationToken.None); // adds the finalizer

        Console.WriteLine($"{"pass (500 objects)",-43} {"requests",9} {"writes",7} {"dry-runs",9} {"wall ms",8}");
        await PassRequests.MeasureAsync(api, "install", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        await PassRequests.MeasureAsync(api, "no-op", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        api.Apply((System.Text.Json.Nodes.JsonObject)Controllers.Serialization.YamlDocuments.ParseObjects(Set(Inputs - 1)).Single(), manager: "user");
        await PassRequests.MeasureAsync(api, "one input dropped", () => reconciler.ReconcileAsync(key, CancellationToken.None));
        return 0;
    }

    private static string Set(int inputs)
    {
        var text = new StringBuilder("apiVersion: fluxcd.controlplane.io/v1\nkind: ResourceSet\nmetadata:\n  name: bench\n  namespace: bench\nspec:\n  inputs:\n");
        for (var i = 0; i < inputs; i++)
        {
            text.Append("    - tenant: t").Append(i).Append('\n');
        }

        text.Append("  resources:\n");
        for (var t = 0; t < 5; t++)
        {
            text.Append($"    - apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: << inputs.tenant >>-{t}\n        namespace: bench\n      data:\n        tenant: << inputs.tenant >>\n");
        }

        return text.ToString();
    }

    private sealed class NoEvents : IEventRecorder
    {
        public Task RecordAsync(V1ObjectReference subject, InstanceEvent instanceEvent, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
