using FluxOperator.Controllers.Primitives;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Defines one controller of a <see cref="ControllerHost"/>: the kind it reconciles (<see cref="For"/>), related kinds
/// mapped to its keys (<see cref="Watches"/>), and the reconciler (<see cref="Complete"/>). <see cref="Queue"/> exists
/// from the start, so the reconciler's collaborators can feed it before the controller is complete.
/// </summary>
public sealed class ControllerBuilder
{
    private readonly ControllerHost _host;
    private readonly string _name;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly List<Action<Controller>> _watches = [];
    private bool _completed;

    private readonly RuntimeMetrics? _metrics;

    internal ControllerBuilder(ControllerHost host, string name, ControllerOptions options, TimeProvider time, ILoggerFactory loggers, RuntimeMetrics? metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _host = host;
        _name = name;
        _options = options;
        _time = time;
        _loggers = loggers;
        _metrics = metrics;
        Queue = Controller.NewQueue(name, options, time, metrics);
    }

    /// <summary>The controller's work queue: adding a key asks for a pass.</summary>
    public WorkQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Reconciles objects of <paramref name="type"/> seen through the shared informer with <paramref name="options"/>,
    /// filtered by <paramref name="predicate"/>. With <paramref name="interruptRunningPass"/>, such an event also
    /// fires the running pass's <see cref="ReconcileRequest.Superseded"/> token.
    /// </summary>
    public ControllerBuilder For(ResourceType type, InformerOptions? options = null, Func<InformerEvent, bool>? predicate = null, bool interruptRunningPass = false)
    {
        var informer = _host.Informer(type, options);
        _watches.Add(c => c.Watch(informer, predicate, interrupt: interruptRunningPass));
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns for changes of <paramref name="type"/> (filtered by <paramref name="predicate"/>).</summary>
    public ControllerBuilder Watches(ResourceType type, InformerOptions? options, Func<InformerEvent, IEnumerable<ObjectKey>> map, Func<InformerEvent, bool>? predicate = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var informer = _host.Informer(type, options);
        _watches.Add(c => c.Watch(informer, predicate, map));
        return this;
    }

    /// <summary>Creates the controller with <paramref name="reconciler"/> and adds it to the host.</summary>
    public Controller Complete(IReconciler reconciler)
    {
        ArgumentNullException.ThrowIfNull(reconciler);
        if (_completed)
        {
            throw new InvalidOperationException($"controller {_name} is already complete");
        }

        _completed = true;
        var controller = new Controller(_name, reconciler, _options, _time, _loggers.CreateLogger<Controller>(), Queue, _metrics);
        foreach (var watch in _watches)
        {
            watch(controller);
        }

        _host.Add($"controller {_name}", async token =>
        {
            try
            {
                await controller.RunAsync(token);
            }
            finally
            {
                controller.Dispose();
            }
        });
        return controller;
    }
}
