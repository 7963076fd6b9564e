using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.IntegrationTests.Reconciliation;
using FluxOperator.IntegrationTests.Runtime;
using k8s;
using KubeApiEmulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>
/// Automated upgrades end to end, in process: the FluxInstance controller and the artifact watcher share one
/// informer (as the host wires them) against the emulator and a real registry. Publishing a newer release that
/// matches the constraint under the same tag upgrades the instance on its own; a non-matching one changes nothing.
/// </summary>
public sealed class AutomatedUpgradeTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("auto-upgrade-").FullName;
    private KubeApiServer _api = null!;
    private Kubernetes _kubernetes = null!;
    private KubeApiClient _client = null!;
    private RegistryServer _registry = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync(new KubeApiServerOptions { SimulateDeployments = true });
        _kubernetes = _api.CreateClient();
        _client = new KubeApiClient(_kubernetes);
        _api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = FluxSeed.Namespace } });
        FluxSeed.SeedCrds(_api);
        _registry = await RegistryServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _kubernetes.Dispose();
        await _api.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string Url => $"oci://{_registry.Host}/flux-operator-manifests:latest";

    /// <summary>Publishes a distribution holding only <paramref name="versions"/>, assembled in a temp folder from the shared releases.</summary>
    private async Task<string> PublishAsync(params string[] versions)
    {
        var root = Path.Combine(_work, "dist-" + Guid.NewGuid().ToString("N"));
        foreach (var version in versions)
        {
            CopyTree(Path.Combine(SharedDistribution.Root, "flux", version), Path.Combine(root, "flux", version));
            CopyTree(Path.Combine(SharedDistribution.Root, "flux-images", version), Path.Combine(root, "flux-images", version));
        }

        File.WriteAllText(Path.Combine(root, "flux-images", "VERSION"), versions[^1] + "\n");
        var options = new OciClientOptions { PlainHttp = true };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(_registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        return (await ArtifactPublisher.PushAsync(client, root, OciReference.Parse(Url), new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None)).Digest;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    private JsonObject? Status() => _api.Get("fluxcd.controlplane.io/v1", "FluxInstance", FluxSeed.Namespace, "flux")?["status"] as JsonObject;

    private string? Revision() => Status()?["lastAppliedRevision"]?.GetValue<string>();

    private string? ArtifactRevision() => Status()?["lastArtifactRevision"]?.GetValue<string>();

    [Fact]
    public async Task Newer_matching_release_is_rolled_out_on_its_own_and_a_non_matching_one_changes_nothing()
    {
        var first = await PublishAsync("v2.7.0");
        _api.Seed(new JsonObject
        {
            ["apiVersion"] = "fluxcd.controlplane.io/v1",
            ["kind"] = "FluxInstance",
            ["metadata"] = new JsonObject
            {
                ["name"] = "flux", ["namespace"] = FluxSeed.Namespace,
                ["annotations"] = new JsonObject { ["fluxcd.controlplane.io/reconcileArtifactEvery"] = "1s" },
            },
            ["spec"] = new JsonObject
            {
                ["distribution"] = new JsonObject { ["version"] = "2.7.x", ["registry"] = "ghcr.io/fluxcd", ["artifact"] = Url },
                ["components"] = new JsonArray("source-controller", "kustomize-controller"),
                ["cluster"] = new JsonObject { ["networkPolicy"] = false },
            },
        });
        await using var operatorLoop = await OperatorLoop.StartAsync(_client, Path.Combine(_work, "cache"));

        await Eventually.True(() => Revision()?.StartsWith("v2.7.0@", StringComparison.Ordinal) == true && ArtifactRevision() == first, "v2.7.0 is installed from the artifact", 60_000);
        var matching = await PublishAsync("v2.7.0", "v2.7.1");
        // Rolled out means applied and healthy: the next artifact must not supersede the upgrade's health wait.
        await Eventually.True(() => Revision()?.StartsWith("v2.7.1@", StringComparison.Ordinal) == true && ArtifactRevision() == matching
            && Events().Any(m => m.StartsWith("Flux v2.7.1 updated", StringComparison.Ordinal)), "v2.7.1 was rolled out on its own", 60_000);

        var history = Status()!["history"]!.AsArray().Select(h => h!["metadata"]?["flux"]?.GetValue<string>()).ToArray();
        Assert.Equal(new string?[] { "v2.7.1", "v2.7.0" }, history);
        var upgraded = Revision();
        var nonMatching = await PublishAsync("v2.7.0", "v2.7.1", "v2.8.0");
        await Eventually.True(() => ArtifactRevision() == nonMatching, "the non-matching artifact was fetched", 60_000);
        Assert.Equal(upgraded, Revision());
        var image = _api.Get("apps/v1", "Deployment", FluxSeed.Namespace, "source-controller")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();
        Assert.DoesNotContain(":v1.8", image, StringComparison.Ordinal);
        Assert.DoesNotContain(Events(), m => m.StartsWith("Flux v2.8", StringComparison.Ordinal));
    }

    private string[] Events() => _api.List("v1", "Event", FluxSeed.Namespace).Select(e => e["message"]?.GetValue<string>() ?? "").ToArray();

    /// <summary>The two controllers this scenario needs (instance and artifact watcher), added to a host as the operator adds them.</summary>
    private sealed class OperatorLoop : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private ArtifactStore? _store;
        private Task? _running;

        public static Task<OperatorLoop> StartAsync(KubeApiClient client, string cacheDirectory)
        {
            var loop = new OperatorLoop();
            ILoggerFactory loggers = NullLoggerFactory.Instance;
            var time = TimeProvider.System;
            var store = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = cacheDirectory, Client = new OciClientOptions { PlainHttp = true } }, time);
            loop._store = store;
            var host = new ControllerHost(client, time, loggers);
            var fast = new ControllerOptions { MinRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(2) };
            var reconcileInstance = FluxInstanceController.Add(host, InstanceServices.Basics(client, store, time), new FluxInstanceReconcilerOptions
            {
                Namespace = FluxSeed.Namespace,
                StoragePath = SharedDistribution.Root,
                HealthPollInterval = TimeSpan.FromMilliseconds(200),
            }, fast);
            DistributionWatcherController.Add(host, store, new DistributionWatcherOptions { Namespace = FluxSeed.Namespace, MinInterval = TimeSpan.FromSeconds(1) },
                requestReconcile: reconcileInstance, controllerOptions: fast, time: time, loggers: loggers);
            loop._running = host.RunAsync(loop._stop.Token);
            return Task.FromResult(loop);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _running!;
            _store?.Dispose();
            _stop.Dispose();
        }
    }
}
