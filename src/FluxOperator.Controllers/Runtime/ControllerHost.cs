using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Runs the operator's long-lived parts as one unit, in the spirit of controller-runtime's manager: shared informers,
/// controllers (one <see cref="NewController"/> builder call each), and other runnables (event forwarding, endpoints).
/// Runnables added with <see cref="RunnableScope.Always"/> run on every replica; the rest run only while this replica
/// leads when leader election is used. The first runnable that fails stops all the others and
/// <see cref="RunAsync"/> throws <see cref="RunnableFailedException"/> naming it, so the process exits non-zero with
/// the reason instead of running on without one of its parts.
/// </summary>
public sealed partial class ControllerHost
{
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly List<Runnable> _runnables = [];
    private readonly Dictionary<(ResourceType Type, InformerOptions Options), Informer> _informers = [];
    private LeaderElection? _election;
    private int _started;

    /// <summary>Creates a host that reads and watches through <paramref name="client"/>; nothing runs until <see cref="RunAsync"/>.</summary>
    public ControllerHost(IKubeClient client, TimeProvider? time = null, ILoggerFactory? loggers = null, RuntimeMetrics? metrics = null)
    {
        Metrics = metrics;
        Client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger<ControllerHost>();
    }

    /// <summary>Where the controllers, queues and informers report; null measures nothing.</summary>
    public RuntimeMetrics? Metrics { get; }

    /// <summary>The API client every part shares.</summary>
    public IKubeClient Client { get; }

    /// <summary>The informers created so far, one per resource type and options.</summary>
    public IReadOnlyCollection<Informer> Informers
    {
        get
        {
            lock (_informers)
            {
                return [.. _informers.Values];
            }
        }
    }

    /// <summary>Runs the leader-only runnables while <paramref name="election"/> holds the lease.</summary>
    public void UseLeaderElection(LeaderElection election)
    {
        ThrowIfStarted();
        _election = election ?? throw new ArgumentNullException(nameof(election));
    }

    /// <summary>The shared informer for <paramref name="type"/> with <paramref name="options"/>, created (and run by the host) on first use.</summary>
    public Informer Informer(ResourceType type, InformerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        options ??= new InformerOptions();
        lock (_informers)
        {
            if (!_informers.TryGetValue((type, options), out var informer))
            {
                ThrowIfStarted();
                informer = new Informer(Client, type, options, _time, _loggers.CreateLogger<Informer>(), Metrics);
                _informers[(type, options)] = informer;
            }

            return informer;
        }
    }

    /// <summary>Starts the definition of a controller; finish it with <see cref="ControllerBuilder.Complete"/>.</summary>
    public ControllerBuilder NewController(string name, ControllerOptions? options = null)
    {
        ThrowIfStarted();
        return new ControllerBuilder(this, name, options ?? new ControllerOptions(), _time, _loggers, Metrics);
    }

    /// <summary>Adds a long-running part; it must run until its token fires, and an exception from it stops the host.</summary>
    public void Add(string name, Func<CancellationToken, Task> run, RunnableScope scope = RunnableScope.Leader)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(run);
        ThrowIfStarted();
        lock (_runnables)
        {
            _runnables.Add(new Runnable(name, run, scope));
        }
    }

    /// <summary>
    /// Runs everything until <paramref name="cancellationToken"/> fires (returns normally), a runnable fails or
    /// leadership is lost (throws <see cref="RunnableFailedException"/>). Every part has stopped when it returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("the controller host is already running");
        }

        Runnable[] always, leader;
        lock (_runnables)
        {
            always = [.. _runnables.Where(r => r.Scope == RunnableScope.Always)];
            leader = [.. _runnables.Where(r => r.Scope == RunnableScope.Leader)];
        }

        var leading = new Runnable("leader", token => LeadAsync(leader, token), RunnableScope.Always);
        await RunGroupAsync([.. always, leading], cancellationToken);
    }

    private async Task LeadAsync(Runnable[] leader, CancellationToken cancellationToken)
    {
        Informer[] informers;
        lock (_informers)
        {
            informers = [.. _informers.Values];
        }

        Runnable[] all = [.. informers.Select(i => new Runnable($"informer {i.Type}", i.RunAsync, RunnableScope.Leader)), .. leader];
        if (_election is null)
        {
            await RunGroupAsync(all, cancellationToken);
            return;
        }

        var outcome = await _election.RunAsync(token => RunGroupAsync(all, token), cancellationToken);
        if (outcome == LeadershipOutcome.Lost)
        {
            throw new RunnableFailedException("leader-election", "leader election lost");
        }
    }

    /// <summary>Runs the group until the token fires or one member fails; then stops the others and waits for them.</summary>
    private async Task RunGroupAsync(IReadOnlyList<Runnable> group, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = group.ToDictionary(r => Task.Run(() => r.Run(stop.Token), CancellationToken.None), r => r);
        RunnableFailedException? failure = null;
        var pending = running.Keys.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (failure is null && Failure(running[done], done, stop.Token) is { } failed)
            {
                failure = failed;
                LogRunnableFailed(_logger, failed.Runnable, failed.Reason);
                await stop.CancelAsync();
            }
        }

        if (failure is not null)
        {
            throw failure;
        }
    }

    private static RunnableFailedException? Failure(Runnable runnable, Task task, CancellationToken stopping)
    {
        if (task.IsCompletedSuccessfully || (task.IsCanceled && stopping.IsCancellationRequested))
        {
            return null;
        }

        var error = task.Exception?.InnerExceptions is [var single] ? single : task.Exception;
        if (error is OperationCanceledException && stopping.IsCancellationRequested)
        {
            return null;
        }

        return error is RunnableFailedException nested
            ? nested
            : new RunnableFailedException(runnable.Name, error?.Message ?? "cancelled unexpectedly", error);
    }

    private void ThrowIfStarted()
    {
        if (Volatile.Read(ref _started) == 1)
        {
            throw new InvalidOperationException("the controller host is running: add parts before RunAsync");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Runnable} failed, stopping the operator: {Reason}")]
    private static partial void LogRunnableFailed(ILogger logger, string runnable, string reason);

    private sealed record Runnable(string Name, Func<CancellationToken, Task> Run, RunnableScope Scope);
}
