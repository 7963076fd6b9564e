using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Runs work only while this process holds the leader Lease, through KubernetesClient's <see cref="LeaderElector"/>
/// and <see cref="LeaseLock"/>. On a graceful stop the work is stopped first (the lease is still renewed while it
/// drains), then the lease is handed back, as controller-runtime's <c>ReleaseOnCancel</c> does, so a standby
/// takes over within one retry period instead of a whole lease duration.
/// </summary>
public sealed partial class LeaderElection
{
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
    private readonly IKubernetes _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private volatile bool _isLeader;

    private readonly RuntimeMetrics? _metrics;

    /// <summary>Creates a candidate; nothing happens until <see cref="RunAsync"/>.</summary>
    public LeaderElection(IKubernetes client, LeaderElectionOptions options, TimeProvider? timeProvider = null, ILogger<LeaderElection>? logger = null,
        RuntimeMetrics? metrics = null)
    {
        _metrics = metrics;
        _client = client ?? throw new ArgumentNullException(nameof(client));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.Namespace, nameof(options));
        Identity = options.Identity ?? NewIdentity();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>How the lease is held.</summary>
    public LeaderElectionOptions Options { get; }

    /// <summary>This candidate's holder identity.</summary>
    public string Identity { get; }

    /// <summary>Whether this candidate leads right now.</summary>
    public bool IsLeader => _isLeader;

    /// <summary>A holder identity as the Go operator makes it: <c>&lt;hostname&gt;_&lt;uuid&gt;</c>.</summary>
    public static string NewIdentity() => $"{Environment.MachineName}_{Guid.NewGuid()}";

    /// <summary>The namespace of the pod's service account, or null when not running in a cluster.</summary>
    public static string? ServiceAccountNamespace(string path = ServiceAccountNamespaceFile) =>
        File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } ns ? ns : null;

    /// <summary>
    /// Competes for the lease and runs <paramref name="lead"/> while it is held. The token given to
    /// <paramref name="lead"/> fires when leadership is lost or <paramref name="cancellationToken"/> fires.
    /// When <paramref name="lead"/> fails by itself, the lease is released and its exception is rethrown.
    /// </summary>
    public async Task<LeadershipOutcome> RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        _metrics?.Track(this);
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var outcome = await RunTermAsync(lead, cancellationToken);
                if (outcome is { } done)
                {
                    return done;
                }

                // The elector failed before this candidate ever led (the API was unreachable, say): try again.
                await Task.Delay(Options.RetryPeriod, _time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return LeadershipOutcome.Stopped; // stopped between two tries, before ever leading
        }
        finally
        {
            _metrics?.Untrack(this);
        }
    }

    /// <summary>One elector's life; null when it ended without ever leading and without being stopped.</summary>
    private async Task<LeadershipOutcome?> RunTermAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        using var electorStop = new CancellationTokenSource();
        using var leadStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var leading = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new LeaderElectionConfig(new LeaseLock(_client, Options.Namespace, Options.LeaseName, Identity))
        {
            LeaseDuration = Options.LeaseDuration,
            RenewDeadline = Options.RenewDeadline,
            RetryPeriod = Options.RetryPeriod,
        };
        using var elector = new LeaderElector(config);
        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            LogStartedLeading(_logger, Identity, Options.Namespace, Options.LeaseName);
            leading.TrySetResult(Task.Run(() => lead(leadStop.Token), CancellationToken.None));
        };
        elector.OnStoppedLeading += () =>
        {
            _isLeader = false;
            CancelQuietly(leadStop);
        };
        elector.OnNewLeader += holder => LogNewLeader(_logger, holder, Options.Namespace, Options.LeaseName);
        elector.OnError += error =>
        {
            // A missing Lease is the normal first step: the elector creates it next.
            if (error is not k8s.Autorest.HttpOperationException { Response.StatusCode: System.Net.HttpStatusCode.NotFound })
            {
                LogElectionError(_logger, error, Options.Namespace, Options.LeaseName);
            }
        };

        var electing = elector.RunUntilLeadershipLostAsync(electorStop.Token);
        var stopped = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(electing, stopped, leading.Task.Unwrap());
        if (first != electing)
        {
            // Stopped by the caller, or the leader's work ended by itself: drain it while the lease is still renewed.
            CancelQuietly(leadStop);
            if (leading.Task.IsCompleted)
            {
                await ObserveAsync(await leading.Task);
            }

            await electorStop.CancelAsync();
            await ObserveAsync(electing);
            if (leading.Task.IsCompleted)
            {
                // Checked again: leadership may have been won in the instant the stop came.
                await ObserveAsync(await leading.Task);
                if (Options.ReleaseOnCancel)
                {
                    await ReleaseAsync();
                }

                if (leading.Task.Result is { IsFaulted: true } failed)
                {
                    await failed; // the leader's work crashed: the caller must hear of it, after the lease is back
                }
            }

            return LeadershipOutcome.Stopped;
        }

        await ObserveAsync(electing);
        if (leading.Task.IsCompleted)
        {
            CancelQuietly(leadStop);
            await ObserveAsync(await leading.Task);
            LogLost(_logger, Identity, Options.Namespace, Options.LeaseName);
            return LeadershipOutcome.Lost;
        }

        return cancellationToken.IsCancellationRequested ? LeadershipOutcome.Stopped : null;
    }

    /// <summary>Hands the lease back if this candidate still holds it: empty holder, so the next candidate may take it at once.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(Options.ReleaseTimeout, _time);
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(Options.LeaseName, Options.Namespace, cancellationToken: timeout.Token);
            if (lease.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            var now = _time.GetUtcNow().UtcDateTime;
            // client-go releases the same way; LeaderElector treats an empty holder as free (a null one it would try to create).
            lease.Spec.HolderIdentity = "";
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.AcquireTime = now;
            lease.Spec.RenewTime = now;
            await _client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, Options.LeaseName, Options.Namespace, cancellationToken: timeout.Token);
            LogReleased(_logger, Identity, Options.Namespace, Options.LeaseName);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not fatal: the lease then simply expires after its duration.
            LogReleaseFailed(_logger, e, Options.Namespace, Options.LeaseName);
        }
    }

    private async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The expected end of a stopped elector or of stopped work.
        }
        catch (Exception e)
        {
            LogElectionError(_logger, e, Options.Namespace, Options.LeaseName);
        }
    }

    private static void CancelQuietly(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }
}
