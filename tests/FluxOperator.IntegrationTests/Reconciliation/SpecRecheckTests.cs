using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.IntegrationTests.Reporting;
using k8s;
using KubeApiEmulator;
using Microsoft.Extensions.Logging.Abstractions;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Reconciliation;

/// <summary>
/// The reconciler re-checks the CRD's rules itself, for clusters that do not enforce them (no CEL, an older CRD): an
/// invalid FluxInstance that got stored is Stalled with the API server's words and nothing is applied. The emulator
/// enforces the rules at the API, so the object is seeded straight into storage, as such a cluster would hold it.
/// </summary>
public sealed class SpecRecheckTests : IAsyncLifetime
{
    private readonly string _cache = Directory.CreateTempSubdirectory("spec-recheck-").FullName;
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
        _api.SeedYaml($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {FluxSeed.Namespace}}}\n");
        FluxSeed.SeedCrds(_api);
    }

    public async Task DisposeAsync()
    {
        _kubernetes.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    [Theory]
    [InlineData("  cluster:\n    type: mars\n", "spec.cluster.type: Unsupported value: \"mars\": supported values: \"kubernetes\", \"openshift\", \"aws\", \"azure\", \"gcp\"")]
    [InlineData("  sharding:\n    shards: [a]\n    storage: persistent\n", "spec: Invalid value: \"object\": .spec.storage must be set when .spec.sharding.storage is 'persistent'")]
    [InlineData("  sharding:\n    shards: []\n", "spec.sharding.shards: Invalid value: 0: spec.sharding.shards in body should have at least 1 items")]
    public async Task Stored_invalid_spec_is_stalled_with_the_api_servers_words_and_nothing_is_applied(string extraSpec, string expected)
    {
        _api.SeedYaml($"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata: {"{"}name: flux, namespace: {FluxSeed.Namespace}{"}"}
            spec:
              distribution: {"{"}version: "2.x", registry: ghcr.io/fluxcd{"}"}
            {extraSpec}
            """);
        using var store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = _cache, Client = new OciClientOptions { PlainHttp = true } }, TimeProvider.System);
        var reconciler = InstanceServices.Reconciler(_client, store, new FluxInstanceReconcilerOptions { Namespace = FluxSeed.Namespace, StoragePath = SharedDistribution.Root });

        // The first pass may only add the finalizer and ask to run again; the spec check ends the pass after that.
        Exception? failure = null;
        for (var pass = 0; pass < 3 && failure is null; pass++)
        {
            failure = await Record.ExceptionAsync(() => reconciler.ReconcileAsync(new ObjectKey(FluxSeed.Namespace, "flux"), CancellationToken.None));
        }

        Assert.True(failure is TerminalException, failure?.Message);
        var instance = _api.Get("fluxcd.controlplane.io/v1", "FluxInstance", FluxSeed.Namespace, "flux")!;
        var conditions = instance["status"]!["conditions"]!.AsArray();
        var ready = conditions.Single(c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal("BuildFailed", ready["reason"]!.GetValue<string>());
        Assert.StartsWith("build failed: invalid spec: ", ready["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(expected, ready["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("True", conditions.Single(c => c!["type"]!.GetValue<string>() == "Stalled")!["status"]!.GetValue<string>());
        Assert.Empty(_api.List("apps/v1", "Deployment", FluxSeed.Namespace));
    }
}
