using System.Collections.Concurrent;
using FluxOperator.Controllers.Runtime;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Tests.Runtime;

public class ReconcileScopeTests
{
    [Fact]
    public void Scope_prints_as_controller_namespace_name_and_reconcile_id()
    {
        var scope = new ReconcileScope("fluxinstance", new ObjectKey("flux-system", "flux"));

        Assert.True(Guid.TryParse(scope.ReconcileId, out _));
        Assert.Equal($"controller=fluxinstance namespace=flux-system name=flux reconcileID={scope.ReconcileId}", scope.ToString());
        Assert.DoesNotContain("System.", scope.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, new[] { "controller", "namespace", "name", "reconcileID" })]
    [InlineData("FluxInstance", new[] { "controller", "kind", "namespace", "name", "reconcileID" })]
    public void Scope_hands_structured_loggers_its_fields_in_order(string? kind, string[] keys)
    {
        var scope = new ReconcileScope("c", new ObjectKey("ns", "n"), kind);

        Assert.Equal(keys, scope.Select(p => p.Key));
        Assert.Equal(keys.Length, scope.Count);
        var fields = scope.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("c", fields["controller"]);
        Assert.Equal("ns", fields["namespace"]);
        Assert.Equal("n", fields["name"]);
        Assert.Equal(scope.ReconcileId, fields["reconcileID"]);
        Assert.Equal(kind, fields.GetValueOrDefault("kind"));
        Assert.Equal(new KeyValuePair<string, object?>("controller", "c"), scope[0]);
    }

    [Fact]
    public void Cluster_scoped_key_prints_an_empty_namespace()
    {
        var scope = new ReconcileScope("c", new ObjectKey(null, "n"));

        Assert.StartsWith("controller=c namespace= name=n reconcileID=", scope.ToString(), StringComparison.Ordinal);
        Assert.Null(scope[1].Value);
    }

    [Fact]
    public void Every_pass_gets_a_fresh_reconcile_id()
    {
        var key = new ObjectKey("ns", "n");
        Assert.NotEqual(new ReconcileScope("c", key).ReconcileId, new ReconcileScope("c", key).ReconcileId);
    }

    [Fact]
    public async Task Controller_runs_each_pass_inside_a_scope_naming_controller_and_key()
    {
        var logger = new ScopeRecordingLogger();
        var reconciler = new SignallingReconciler();
        using var stop = new CancellationTokenSource();
        var controller = new Controller("test", reconciler, new ControllerOptions(), TimeProvider.System, logger);
        var running = controller.RunAsync(stop.Token);
        try
        {
            controller.Queue.Add(new ObjectKey("ns", "a"));
            await reconciler.Reconciled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var scope = Assert.IsType<ReconcileScope>(Assert.Single(logger.Scopes));
        Assert.Equal($"controller=test namespace=ns name=a reconcileID={scope.ReconcileId}", scope.ToString());
    }

    private sealed class SignallingReconciler : IReconciler
    {
        public TaskCompletionSource Reconciled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
        {
            Reconciled.TrySetResult();
            return Task.FromResult(ReconcileResult.Done);
        }
    }

    private sealed class ScopeRecordingLogger : ILogger<Controller>
    {
        public ConcurrentQueue<object> Scopes { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            Scopes.Enqueue(state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
