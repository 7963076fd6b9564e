using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using KubeApiEmulator;

namespace FluxOperator.IntegrationTests.Runtime;

public sealed class ControllerTests : EmulatorRun
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["key"] = value },
    };

    [Fact]
    public async Task Controller_reconciles_each_object_once_per_change_after_the_cache_synced()
    {
        Api.Seed(ConfigMap("a", "1"), ConfigMap("b", "1"), ConfigMap("c", "1"));
        Api.Faults.FailNext("list", "/configmaps$", 2, 500); // the first sync is late
        var informer = new Informer(Client, ConfigMaps, new InformerOptions
        {
            Namespace = "default",
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(100),
        });
        var reconciler = new RecordingReconciler(informer, Client);
        using var controller = new Controller("configmap", reconciler, new ControllerOptions { MaxConcurrentReconciles = 2 });
        controller.Watch(informer);
        Running = Task.WhenAll(informer.RunAsync(Stopping), controller.RunAsync(Stopping));

        await Eventually.True(() => reconciler.Total == 3, "every object was reconciled");
        Assert.Equal(["a", "b", "c"], reconciler.Passes.Select(p => p.Key.Name).Order(StringComparer.Ordinal));

        await Client.ApplyAsync(ConfigMaps, ConfigMap("b", "2"), new ApplyOptions("test"), default);
        await Eventually.True(() => reconciler.Total == 4, "the change was reconciled");
        await Client.DeleteAsync(ConfigMaps, "default", "c", null, default);
        await Eventually.True(() => reconciler.Total == 5, "the delete was reconciled");

        // A marker written last: the watch delivers in order, so once its pass ran and the queue is idle, every
        // event before it has been reconciled and no further pass is pending.
        await Client.ApplyAsync(ConfigMaps, ConfigMap("marker", "1"), new ApplyOptions("test"), default);
        await Eventually.True(() => reconciler.Passes.Any(p => p.Key.Name == "marker") && controller.Queue.Length == 0 && controller.Queue.ProcessingCount == 0 && controller.Queue.DelayedCount == 0, "the marker was reconciled");
        var passes = reconciler.Passes.Where(p => p.Key.Name != "marker").ToArray();
        Assert.Equal(5, passes.Length);
        Assert.Equal([1, 2, 2], passes.GroupBy(p => p.Key.Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Count()));
        Assert.All(reconciler.Passes, p => Assert.True(p.Synced));
        Assert.Equal("2", reconciler.Passes.Last(p => p.Key.Name == "b").Value);
        Assert.Null(reconciler.Passes.Last(p => p.Key.Name == "c").Value);
    }

    [Fact]
    public async Task Failing_pass_is_retried_until_the_api_recovers()
    {
        Api.Seed(ConfigMap("a", "1"));
        var informer = new Informer(Client, ConfigMaps, new InformerOptions { Namespace = "default" });
        var reconciler = new RecordingReconciler(informer, Client);
        using var controller = new Controller("configmap", reconciler);
        controller.Watch(informer);
        Api.Faults.FailNext("get", "/configmaps/a$", 3, 500);
        Running = Task.WhenAll(informer.RunAsync(Stopping), controller.RunAsync(Stopping));

        await Eventually.True(() => reconciler.Passes.Any(p => p.Value == "1"), "a pass succeeded after the failures");

        Assert.Equal(3, reconciler.Failures);
        Assert.Equal(0, controller.Queue.Failures(new ObjectKey("default", "a")));
    }

    [Fact]
    public async Task Watch_added_whileRunning_maps_changes_of_labelled_objects_to_their_owner_key()
    {
        var owner = new ObjectKey("default", "owner");
        var passes = new ConcurrentQueue<ObjectKey>();
        using var controller = new Controller("owner", new CountingReconciler(passes));
        Running = controller.RunAsync(Stopping);

        var managed = ConfigMap("managed", "1");
        managed["metadata"]!["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "test" };
        await Client.ApplyAsync(ConfigMaps, managed, new ApplyOptions("test"), default);
        await Client.ApplyAsync(ConfigMaps, ConfigMap("unrelated", "1"), new ApplyOptions("test"), default);
        var drift = new Informer(Client, ConfigMaps, new InformerOptions { Namespace = "default", LabelSelector = "app.kubernetes.io/managed-by=test" });
        using var feed = controller.Watch(drift, e => e.Type == InformerEventType.Deleted, _ => [owner]);
        var watching = drift.RunAsync(Stopping);
        await drift.WaitForSyncAsync().WaitAsync(TimeSpan.FromSeconds(20));

        await Client.DeleteAsync(ConfigMaps, "default", "unrelated", null, default);
        await Client.DeleteAsync(ConfigMaps, "default", "managed", null, default);

        // The delete is the last event the selector lets through; once its pass ran and the queue is idle, no pass is pending.
        await Eventually.True(() => passes.Contains(owner) && controller.Queue.Length == 0 && controller.Queue.ProcessingCount == 0 && controller.Queue.DelayedCount == 0, "the owner is reconciled after its object was deleted");
        Assert.Equal([owner], passes);
        Running = Task.WhenAll(Running, watching);
    }

    private sealed class CountingReconciler(ConcurrentQueue<ObjectKey> passes) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            passes.Enqueue(key);
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    /// <summary>Reads the object fresh from the API (keys in, fresh state out) and records what it saw.</summary>
    private sealed class RecordingReconciler(Informer informer, KubeApiClient client) : IReconciler
    {
        private readonly ConcurrentQueue<(ObjectKey Key, bool Synced, string? Value)> _passes = new();
        private int _failures;

        public IReadOnlyList<(ObjectKey Key, bool Synced, string? Value)> Passes => _passes.ToArray();

        public int Total => _passes.Count;

        public int Failures => Volatile.Read(ref _failures);

        public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            JsonObject? current;
            try
            {
                current = await client.GetAsync(ConfigMaps, key.Namespace, key.Name, cancellationToken);
            }
            catch (KubeApiException)
            {
                Interlocked.Increment(ref _failures);
                throw;
            }

            _passes.Enqueue((key, informer.HasSynced, current?["data"]?["key"]?.GetValue<string>()));
            return ReconcileResult.Done;
        }
    }
}
