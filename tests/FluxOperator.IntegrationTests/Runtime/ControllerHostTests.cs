using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.IntegrationTests.Runtime;

public sealed class ControllerHostTests : EmulatorRun
{
    private static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    private static readonly InformerOptions InDefault = new() { Namespace = "default" };

    private static JsonObject ConfigMap(string name, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["data"] = new JsonObject { ["key"] = value },
    };

    [Fact]
    public async Task The_first_failing_part_stops_every_other_part_and_is_named()
    {
        var host = new ControllerHost(Client);
        var passes = new ConcurrentQueue<ObjectKey>();
        host.NewController("configmap").For(ConfigMaps, InDefault).Complete(new Recording(passes));
        var otherStopped = new TaskCompletionSource();
        host.Add("bystander", async token =>
        {
            await using var registration = token.Register(() => otherStopped.TrySetResult());
            await Task.Delay(Timeout.InfiniteTimeSpan, token).ContinueWith(_ => { }, TaskScheduler.Default);
        });
        var fail = new TaskCompletionSource();
        host.Add("forwarder", async token =>
        {
            await fail.Task.WaitAsync(token);
            throw new InvalidOperationException("the sink went away");
        });
        Api.Seed(ConfigMap("a", "1"));
        var running = host.RunAsync(Stopping);
        await Eventually.True(() => passes.Contains(new ObjectKey("default", "a")), "the controller ran");

        fail.SetResult();

        var failure = await Assert.ThrowsAsync<RunnableFailedException>(() => running.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("forwarder", failure.Runnable);
        Assert.Equal("the sink went away", failure.Reason);
        Assert.True(otherStopped.Task.IsCompleted);
    }

    [Fact]
    public async Task A_controller_whose_cache_never_syncs_fails_the_host_instead_of_dying_alone()
    {
        Api.Faults.FailNext("list", "/configmaps", 10_000, 500);
        var host = new ControllerHost(Client);
        host.NewController("configmap", new ControllerOptions { CacheSyncTimeout = TimeSpan.FromMilliseconds(300) })
            .For(ConfigMaps, InDefault with { ReconnectBaseDelay = TimeSpan.FromMilliseconds(20), ReconnectMaxDelay = TimeSpan.FromMilliseconds(50) })
            .Complete(new Recording(new ConcurrentQueue<ObjectKey>()));

        var failure = await Assert.ThrowsAsync<RunnableFailedException>(() => host.RunAsync(Stopping).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Equal("controller configmap", failure.Runnable);
        Assert.Contains("timed out waiting for the caches of configmaps to sync", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_event_during_a_pass_fires_its_superseded_signal_and_the_key_runs_again()
    {
        Api.Seed(ConfigMap("a", "1"));
        var host = new ControllerHost(Client);
        var reconciler = new WaitingReconciler();
        host.NewController("configmap").For(ConfigMaps, InDefault, interruptRunningPass: true).Complete(reconciler);
        Running = host.RunAsync(Stopping);
        await reconciler.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await Client.ApplyAsync(ConfigMaps, ConfigMap("a", "2"), new ApplyOptions("test"), default);

        await Eventually.True(() => reconciler.Passes == 2, "the key ran again after the interrupted pass");
        Assert.True(reconciler.FirstPassSuperseded);
    }

    [Fact]
    public async Task Events_of_watches_without_interruption_do_not_cut_a_pass_short()
    {
        Api.Seed(ConfigMap("a", "1"), ConfigMap("other", "1"));
        var host = new ControllerHost(Client);
        var reconciler = new WaitingReconciler { Release = new TaskCompletionSource() };
        host.NewController("configmap")
            .For(ConfigMaps, InDefault with { FieldSelector = "metadata.name=a" }, interruptRunningPass: true)
            .Watches(ConfigMaps, InDefault with { FieldSelector = "metadata.name=other" }, _ => [new ObjectKey("default", "a")])
            .Complete(reconciler);
        Running = host.RunAsync(Stopping);
        await reconciler.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(20));

        await Client.ApplyAsync(ConfigMaps, ConfigMap("other", "2"), new ApplyOptions("test"), default);
        var others = host.Informers.Single(i => i.Options.FieldSelector == "metadata.name=other");
        await Eventually.True(() => others.Cache.Get("default", "other")?["data"]?["key"]?.GetValue<string>() == "2", "the mapped watch saw the change during the pass");
        reconciler.Release.SetResult();

        await Eventually.True(() => reconciler.Passes == 2, "the mapped event queued the key again");
        Assert.False(reconciler.FirstPassSuperseded);
        Assert.Equal(2, host.Informers.Count);
    }

    [Fact]
    public void Controllers_for_the_same_resource_and_options_share_one_informer()
    {
        var host = new ControllerHost(Client);
        host.NewController("one").For(ConfigMaps, InDefault).Complete(new Recording(new ConcurrentQueue<ObjectKey>()));
        host.NewController("two").For(ConfigMaps, InDefault with { }).Complete(new Recording(new ConcurrentQueue<ObjectKey>()));
        host.NewController("three").For(ConfigMaps, InDefault with { LabelSelector = "x=y" }).Complete(new Recording(new ConcurrentQueue<ObjectKey>()));

        Assert.Equal(2, host.Informers.Count);
    }

    private sealed class Recording(ConcurrentQueue<ObjectKey> passes) : IReconciler
    {
        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            passes.Enqueue(key);
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    /// <summary>The first pass waits until it is superseded (or released); later passes return at once.</summary>
    private sealed class WaitingReconciler : IReconciler
    {
        private int _passes;

        public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource? Release { get; init; }

        public bool FirstPassSuperseded { get; private set; }

        public int Passes => Volatile.Read(ref _passes);

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the controller passes a request");

        public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _passes) == 1)
            {
                Waiting.SetResult();
                var released = Release?.Task ?? Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                var superseded = Task.Delay(Timeout.InfiniteTimeSpan, request.Superseded);
                FirstPassSuperseded = await Task.WhenAny(released, superseded) == superseded;
            }

            return ReconcileResult.Done;
        }
    }
}
