using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Apply.Pruning;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;
using KubeApiEmulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.IntegrationTests.Apply;

/// <summary>An emulated API server with the Deployment simulator, a client, an applier and a pruner over it.</summary>
internal sealed class ApplyCluster : IAsyncDisposable
{
    public const string Owner = "flux";
    public const string OwnerNamespace = "flux-system";

    private ApplyCluster(KubeApiServer api)
    {
        Api = api;
        Kubernetes = api.CreateClient();
        Client = new KubeApiClient(Kubernetes);
        Applier = NewApplier();
        Pruner = new Pruner(Client, NullLogger<Pruner>.Instance);
    }

    public KubeApiServer Api { get; }

    public k8s.Kubernetes Kubernetes { get; }

    public KubeApiClient Client { get; }

    public ServerSideApplier Applier { get; }

    public Pruner Pruner { get; }

    public static PruneOptions PruneOptions { get; } = new(Owner, OwnerNamespace);

    public static async Task<ApplyCluster> StartAsync() =>
        new(await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true }));

    /// <summary>A second applier over the same server, with no memory of earlier passes.</summary>
    public ServerSideApplier NewApplier() => new(new KubeApiClient(Kubernetes),
        new ServerSideApplierOptions { StageWaitInterval = TimeSpan.FromMilliseconds(100), StageWaitTimeout = TimeSpan.FromSeconds(10) },
        TimeProvider.System, NullLogger<ServerSideApplier>.Instance);

    /// <summary>The desired objects: a CRD, a Namespace, a custom resource, a ConfigMap and a Deployment, all owned.</summary>
    public static List<JsonObject> Desired(string image = "nginx:1", string data = "one") =>
        YamlDocuments.ParseObjects($$$"""
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              group: example.com
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: apps
              annotations: {fluxcd.controlplane.io/prune: disabled}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w1, namespace: apps}
            spec: {size: 3}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: apps}
            data: {value: {{{data}}}}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: apps}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                  - name: web
                    image: {{{image}}}
                    ports: [{containerPort: 80}]
            """).Select(Owned).ToList();

    /// <summary>Adds the ownership labels, as rendering does.</summary>
    public static JsonObject Owned(JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        var labels = metadata["labels"] as JsonObject ?? new JsonObject();
        labels["fluxcd.controlplane.io/name"] = Owner;
        labels["fluxcd.controlplane.io/namespace"] = OwnerNamespace;
        metadata["labels"] = labels;
        return obj;
    }

    /// <summary>Writes (non-dry-run) recorded so far.</summary>
    public int Writes() => Api.Requests.Records.Count(r => r.Verb is "create" or "update" or "patch" or "delete" && !r.Query.Contains("dryRun", StringComparison.Ordinal));

    /// <summary>Dry-run requests recorded so far.</summary>
    public int DryRuns() => Api.Requests.Records.Count(r => r.Query.Contains("dryRun", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        await Api.DisposeAsync();
    }
}
