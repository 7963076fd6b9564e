using System.Text.Json.Nodes;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Packaging;
using k8s.Models;
using KubeApiEmulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>
/// An emulated API server with our CRDs, a provider CRD (the provider kind is not generated yet: a schemaless stand-in
/// whose status tests write), namespace <see cref="Namespace"/>, and a ResourceSet reconciler driven pass by pass.
/// </summary>
internal sealed class SetCluster : IAsyncDisposable
{
    public const string Namespace = "ns";
    public const string ApiVersion = "fluxcd.controlplane.io/v1";

    private SetCluster(KubeApiServer api, ResourceSetReconcilerOptions options)
    {
        Api = api;
        Kubernetes = api.CreateClient();
        Client = new KubeApiClient(Kubernetes);
        Reconciler = new ResourceSetReconciler(Client, Events, options, TimeProvider.System, NullLoggerFactory.Instance);
    }

    public KubeApiServer Api { get; }

    public k8s.Kubernetes Kubernetes { get; }

    public KubeApiClient Client { get; }

    public RecordedEvents Events { get; } = new();

    public ResourceSetReconciler Reconciler { get; }

    /// <summary>Fast health polls; <paramref name="configure"/> may change the rest.</summary>
    public static async Task<SetCluster> StartAsync(Func<ResourceSetReconcilerOptions, ResourceSetReconcilerOptions>? configure = null, KubeApiServerOptions? server = null)
    {
        var api = await KubeApiServer.StartAsync(server ?? new KubeApiServerOptions());
        foreach (var file in Directory.GetFiles(Path.Combine(PackagingPaths.RepositoryRoot, "config", "crd", "bases"), "*.yaml"))
        {
            api.SeedYaml(File.ReadAllText(file));
        }

        api.SeedYaml(ProviderCrd);
        api.SeedYaml($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n");
        var options = new ResourceSetReconcilerOptions { HealthPollInterval = TimeSpan.FromMilliseconds(50), ApplierDeletionTimeout = TimeSpan.FromSeconds(5), IntervalJitter = 0 };
        return new SetCluster(api, configure?.Invoke(options) ?? options);
    }

    /// <summary>Creates (or replaces the spec of) a ResourceSet in <see cref="Namespace"/> from YAML.</summary>
    public JsonObject Set(string yaml)
    {
        var obj = YamlDocuments.ParseObjects(yaml).Single();
        obj["apiVersion"] ??= ApiVersion;
        obj["kind"] ??= "ResourceSet";
        var metadata = obj["metadata"]!.AsObject();
        metadata["namespace"] ??= Namespace;
        return Api.Apply(obj, manager: "user");
    }

    /// <summary>Creates a provider whose status exports <paramref name="inputs"/>.</summary>
    public void Provider(string name, string inputs, string labels = "{}")
    {
        Api.Apply((JsonObject)YamlDocuments.ParseObjects($"apiVersion: {ApiVersion}\nkind: ResourceSetInputProvider\nmetadata:\n  name: {name}\n  namespace: {Namespace}\n  labels: {labels}\nspec:\n  type: Static\n").Single(), manager: "user");
        var exported = YamlDocuments.ParseObjects($"exportedInputs: {inputs}\n").Single()["exportedInputs"]!.DeepClone();
        Api.SetStatus(ApiVersion, "ResourceSetInputProvider", Namespace, name, new JsonObject
        {
            ["exportedInputs"] = exported,
            ["lastExportedRevision"] = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(exported.ToJsonString()))),
        });
    }

    /// <summary>One pass over the set <paramref name="name"/>.</summary>
    public Task<ReconcileResult> PassAsync(string name) => Reconciler.ReconcileAsync(new ObjectKey(Namespace, name), CancellationToken.None);

    /// <summary>The first pass (finalizer) and the second (the real work).</summary>
    public async Task<ReconcileResult> InstallAsync(string name)
    {
        Assert.Equal(ReconcileResult.Requeue, await PassAsync(name));
        return await PassAsync(name);
    }

    public JsonObject? Get(string apiVersion, string kind, string name, string? ns = Namespace) => Api.Get(apiVersion, kind, ns, name);

    public JsonObject Stored(string name) => Get(ApiVersion, "ResourceSet", name) ?? throw new InvalidOperationException($"ResourceSet {name} is gone");

    public JsonObject Condition(string name, string type) =>
        Stored(name)["status"]!["conditions"]!.AsArray().Single(c => c!["type"]!.GetValue<string>() == type)!.AsObject();

    public (string Status, string Reason, string Message) Ready(string name)
    {
        var ready = Condition(name, "Ready");
        return (ready["status"]!.GetValue<string>(), ready["reason"]!.GetValue<string>(), ready["message"]!.GetValue<string>());
    }

    public IReadOnlyList<string> Inventory(string name) =>
        Stored(name)["status"]?["inventory"]?["entries"]?.AsArray().Select(e => e!["id"]!.GetValue<string>()).ToArray() ?? [];

    public async ValueTask DisposeAsync()
    {
        Kubernetes.Dispose();
        await Api.DisposeAsync();
    }

    private const string ProviderCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: resourcesetinputproviders.fluxcd.controlplane.io
        spec:
          group: fluxcd.controlplane.io
          scope: Namespaced
          names: {kind: ResourceSetInputProvider, listKind: ResourceSetInputProviderList, plural: resourcesetinputproviders, singular: resourcesetinputprovider, shortNames: [rsip]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources: {status: {}}
            schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
        """;
}

/// <summary>Events the reconciler recorded, in order.</summary>
internal sealed class RecordedEvents : IEventRecorder
{
    private readonly List<InstanceEvent> _events = [];

    public IReadOnlyList<InstanceEvent> All
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task RecordAsync(V1ObjectReference subject, InstanceEvent instanceEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(instanceEvent);
        }

        return Task.CompletedTask;
    }

    public void Clear()
    {
        lock (_events)
        {
            _events.Clear();
        }
    }
}
