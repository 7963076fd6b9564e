using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Runtime;
using k8s;
using KubeApiEmulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxOperator.IntegrationTests.Runtime;

public sealed class LeaderElectionTests : IAsyncLifetime
{
    private readonly ServiceProvider _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<Kubernetes> _clients = [];
    private KubeApiServer _api = null!;
    private RuntimeMetrics _metrics = null!;

    public async Task InitializeAsync()
    {
        _metrics = new RuntimeMetrics(_meterServices.GetRequiredService<IMeterFactory>());
        _api = await KubeApiServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _api.DisposeAsync();
        await _meterServices.DisposeAsync();
    }

    // A lease far longer than the test waits: a takeover within the wait can only come from the release.
    private LeaderElection Candidate(string identity, TimeSpan? leaseDuration = null, TimeSpan? renewDeadline = null, string lease = "flux-operator", LeaderLog? log = null)
    {
        var client = _api.CreateClient();
        _clients.Add(client);
        return new LeaderElection(client, new LeaderElectionOptions
        {
            Namespace = "default",
            LeaseName = lease,
            Identity = identity,
            LeaseDuration = leaseDuration ?? TimeSpan.FromSeconds(120),
            RenewDeadline = renewDeadline ?? TimeSpan.FromSeconds(100),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        }, logger: log, metrics: _metrics);
    }

    private string? Holder() => _api.Get("coordination.k8s.io/v1", "Lease", "default", "flux-operator")?["spec"]?["holderIdentity"]?.GetValue<string>();

    [Fact]
    public async Task Two_candidates_one_leader_and_the_other_takes_over_when_the_leader_stops_and_releases()
    {
        var running = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0 };
        var maxAtOnce = 0;
        var gate = new Lock();
        Func<CancellationToken, Task> Work(string who) => async token =>
        {
            lock (gate)
            {
                running[who]++;
                maxAtOnce = Math.Max(maxAtOnce, running.Values.Sum());
            }

            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                lock (gate)
                {
                    running[who]--;
                }
            }
        };

        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = Candidate("a");
        var runA = a.RunAsync(Work("a"), stopA.Token);
        await Eventually.True(() => a.IsLeader, "a leads");
        var bLog = new LeaderLog();
        var b = Candidate("b", log: bLog);
        var runB = b.RunAsync(Work("b"), stopB.Token);
        // b has read the lease and found a holding it; with a 2-minute lease only a release lets b in.
        await Eventually.True(() => bLog.SawLeader("a"), "b observed a's lease");
        Assert.False(b.IsLeader);
        Assert.Equal("a", Holder());

        await stopA.CancelAsync();
        Assert.Equal(LeadershipOutcome.Stopped, await runA.WaitAsync(TimeSpan.FromSeconds(20)));
        await Eventually.True(() => b.IsLeader, "b takes over the released lease");
        await Eventually.True(() => { lock (gate) { return running["b"] == 1; } }, "b's work runs");

        Assert.Equal("b", Holder());
        Assert.Equal(1, maxAtOnce);
        lock (gate)
        {
            Assert.Equal(0, running["a"]);
            Assert.Equal(1, running["b"]);
        }

        await stopB.CancelAsync();
        Assert.Equal(LeadershipOutcome.Stopped, await runB.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("", Holder());
    }

    [Fact]
    public async Task Stopping_a_standby_neither_runs_its_work_nor_touches_the_leaders_lease()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = Candidate("a");
        var runA = a.RunAsync(token => Task.Delay(Timeout.Infinite, token), stopA.Token);
        await Eventually.True(() => a.IsLeader, "a leads");
        var bWorked = false;
        var bLog = new LeaderLog();
        var b = Candidate("b", log: bLog);
        var runB = b.RunAsync(_ =>
        {
            bWorked = true;
            return Task.CompletedTask;
        }, stopB.Token);
        await Eventually.True(() => bLog.SawLeader("a"), "b observed a's lease");

        await stopB.CancelAsync();

        Assert.Equal(LeadershipOutcome.Stopped, await runB.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.False(bWorked);
        Assert.Equal("a", Holder());
        Assert.True(a.IsLeader);
        await stopA.CancelAsync();
        await runA.WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Master_status_gauge_is_one_on_the_leader_and_zero_on_the_standby()
    {
        var lease = $"lease-{Guid.NewGuid():N}";
        using var stop = new CancellationTokenSource();
        var a = Candidate("a", lease: lease);
        var bLog = new LeaderLog();
        var b = Candidate("b", lease: lease, log: bLog);
        var runA = a.RunAsync(token => Task.Delay(Timeout.Infinite, token), stop.Token);
        await Eventually.True(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(token => Task.Delay(Timeout.Infinite, token), stop.Token);
        await Eventually.True(() => bLog.SawLeader("a"), "b observed a's lease");

        var values = new List<int>();
        using (var listener = new System.Diagnostics.Metrics.MeterListener())
        {
            listener.InstrumentPublished = (i, l) =>
            {
                if (i.Meter == _metrics.Meter && i.Name == "leader_election_master_status")
                {
                    l.EnableMeasurementEvents(i);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, v, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "name" && Equals(tag.Value, lease))
                    {
                        values.Add(v);
                    }
                }
            });
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.Equal([0, 1], values.Order());
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB).WaitAsync(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Leader_work_is_drained_before_the_lease_is_released()
    {
        var holderWhenWorkEnded = "unset";
        using var stop = new CancellationTokenSource();
        var a = Candidate("a");
        var run = a.RunAsync(async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                await Task.Delay(300, CancellationToken.None); // a pass finishing during shutdown
                holderWhenWorkEnded = Holder();
            }
        }, stop.Token);
        await Eventually.True(() => a.IsLeader, "a leads");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("a", holderWhenWorkEnded);
        Assert.Equal("", Holder());
    }

    [Fact]
    public async Task Leader_work_that_crashes_releases_the_lease_and_surfaces_its_error()
    {
        var a = Candidate("a");

        var run = a.RunAsync(_ => throw new InvalidOperationException("cache never synced"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("cache never synced", error.Message);
        Assert.Equal("", Holder());
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task Leader_that_cannot_renew_loses_and_its_work_is_cancelled()
    {
        var workCancelled = false;
        var a = Candidate("a", leaseDuration: TimeSpan.FromSeconds(3), renewDeadline: TimeSpan.FromSeconds(1));
        var run = a.RunAsync(async token =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, token);
            }
            catch (OperationCanceledException)
            {
                workCancelled = true;
            }
        }, CancellationToken.None);
        await Eventually.True(() => a.IsLeader, "a leads");

        _api.Faults.FailNext("*", "/leases/flux-operator$", 100_000, 500);

        Assert.Equal(LeadershipOutcome.Lost, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.True(workCancelled);
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task Candidate_keeps_trying_while_the_api_is_failing_and_leads_once_it_recovers()
    {
        _api.Faults.FailNext("*", "/leases", 5, 503);
        using var stop = new CancellationTokenSource();
        var a = Candidate("a");
        var run = a.RunAsync(token => Task.Delay(Timeout.Infinite, token), stop.Token);

        await Eventually.True(() => a.IsLeader, "a leads after the failures");
        Assert.Equal("a", Holder());
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Records which holders a candidate reported seeing (the "leader is" log line), as the signal that it read the lease.</summary>
    private sealed class LeaderLog : ILogger<LeaderElection>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _holders = new();

        public bool SawLeader(string holder) => _holders.Contains(holder);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 301 && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "Holder").Value is string holder)
            {
                _holders.Enqueue(holder);
            }
        }
    }
}
