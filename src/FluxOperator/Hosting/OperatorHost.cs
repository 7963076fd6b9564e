using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Hosting;

/// <summary>
/// The operator process: health and metrics servers on every replica at once; the controllers, their
/// informers and the drift watches only while this replica holds the <c>flux-operator</c> Lease.
/// </summary>
internal sealed partial class OperatorHost
{
    private readonly OperatorOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;

    public OperatorHost(OperatorOptions options, ILoggerFactory loggers)
    {
        _options = options;
        _loggers = loggers;
        _logger = loggers.CreateLogger("setup");
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> fires (0) or leadership is lost or startup fails (1).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = KubeConfig.Resolve();
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException)
        {
            LogStartupFailed(_logger, e.Message);
            return 1;
        }

        using var kubernetes = new Kubernetes(config);
        var client = new KubeApiClient(kubernetes);
        OperatorEndpoints endpoints;
        try
        {
            endpoints = await OperatorEndpoints.StartAsync(_options, cancellationToken);
        }
        catch (IOException e)
        {
            LogStartupFailed(_logger, e.Message);
            return 1;
        }

        await using var stopEndpoints = endpoints;
        var reportOptions = new ReportOptions { Namespace = _options.RuntimeNamespace, ReportingInterval = _options.ReportingInterval };
        try
        {
            // Every replica, before leader election: the report exists even with no FluxInstance.
            await FluxReportBootstrap.EnsureAtStartupAsync(client, reportOptions, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogControllerFailed(_logger, FluxReportController.Name, e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        LogStarted(_logger, _options.HealthAddress, _options.MetricsAddress, _options.RuntimeNamespace);

        try
        {
            if (!_options.EnableLeaderElection)
            {
                await RunControllersAsync(client, reportOptions, cancellationToken);
                return 0;
            }

            // Outside a cluster there is no service-account namespace: the Lease goes to the runtime namespace.
            var leaseNamespace = LeaderElection.ServiceAccountNamespace() ?? _options.RuntimeNamespace;
            var election = new LeaderElection(kubernetes, new LeaderElectionOptions
            {
                Namespace = leaseNamespace,
                LeaseDuration = _options.LeaderElectionLeaseDuration,
                RenewDeadline = _options.LeaderElectionRenewDeadline,
                RetryPeriod = _options.LeaderElectionRetryPeriod,
                ReleaseOnCancel = _options.LeaderElectionReleaseOnCancel,
            }, TimeProvider.System, _loggers.CreateLogger<LeaderElection>());
            var outcome = await election.RunAsync(token => RunControllersAsync(client, reportOptions, token), cancellationToken);
            if (outcome == LeadershipOutcome.Lost)
            {
                LogLeadershipLost(_logger);
                return 1;
            }

            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            LogStopped(_logger);
        }
    }

    private async Task RunControllersAsync(KubeApiClient client, ReportOptions reportOptions, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var ns = _options.RuntimeNamespace;
        using var artifacts = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "flux-operator-artifacts") }, time, _loggers);
        using var notifications = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var events = new NotificationForwarder(new KubeEventRecorder(client, time, _loggers.CreateLogger<KubeEventRecorder>()), notifications, time, _loggers.CreateLogger<NotificationForwarder>());
        var reconciler = new FluxInstanceReconciler(client, artifacts, events, new FluxInstanceReconcilerOptions
        {
            Namespace = ns,
            StoragePath = _options.StoragePath,
            OverrideManagers = _options.OverrideManagers,
            IntervalJitter = _options.IntervalJitterPercentage / 100.0,
            InCluster = _options.InCluster,
            NotificationAddress = _options.NotificationControllerAddress,
            NotificationsDisabled = _options.NotificationsDisabled,
        }, time, _loggers);
        var controllerOptions = new ControllerOptions
        {
            MaxConcurrentReconciles = _options.Concurrent,
            MinRetryDelay = _options.MinRetryDelay,
            MaxRetryDelay = _options.MaxRetryDelay,
        };
        using var controller = new Controller("fluxinstance", reconciler, controllerOptions, time, _loggers.CreateLogger<Controller>());

        // Only <ns>/flux is ever seen; a new trigger also abandons a health wait in progress.
        var informer = new Informer(client, OperatorResources.FluxInstance, new InformerOptions
        {
            Namespace = ns,
            FieldSelector = $"metadata.name=flux,metadata.namespace={ns}",
        }, time, _loggers.CreateLogger<Informer>());
        using var feed = controller.Watch(informer, e =>
        {
            if (!FluxInstanceTriggers.IsInstanceTrigger(e))
            {
                return false;
            }

            reconciler.Interrupts.Interrupt(e.Key);
            return true;
        });
        await using var watches = new ManagedObjectWatches(client, controller, new ObjectKey(ns, "flux"), time, _loggers);
        reconciler.Watches = watches;

        // The watcher's registry verdict reaches the report in-process (no API round trip needed).
        var health = new ArtifactHealth();
        using var watcher = DistributionWatcherController.Create(client, informer, artifacts, new DistributionWatcherOptions { Namespace = ns }, health,
            controller.Queue.Add, controllerOptions, time, _loggers);
        var report = FluxReportController.Create(client, reportOptions, health, controllerOptions, time, _loggers);
        using var reportController = report.Controller;
        reconciler.ReportRefresh = report.RequestRefresh;
        var resourceSets = await ResourceSetController.CreateAsync(client, events, new ResourceSetReconcilerOptions
        {
            DefaultServiceAccount = _options.DefaultServiceAccount,
            RequeueDependency = _options.RequeueDependency,
            OverrideManagers = _options.OverrideManagers,
            IntervalJitter = _options.IntervalJitterPercentage / 100.0,
            NotificationAddress = _options.NotificationControllerAddress,
            NotificationsDisabled = _options.NotificationsDisabled,
        }, _options.WatchConfigsLabelSelector, controllerOptions, time, _loggers, cancellationToken);
        using var resourceSetController = resourceSets.Controller;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var informing = Task.Run(() => informer.RunAsync(stop.Token), CancellationToken.None);
        var forwarding = Task.Run(() => events.RunAsync(stop.Token), CancellationToken.None);
        var watching = Task.Run(() => watcher.RunAsync(stop.Token), CancellationToken.None);
        var reporting = Task.Run(() => report.RunAsync(stop.Token), CancellationToken.None);
        var applyingSets = Task.Run(() => resourceSets.RunAsync(stop.Token), CancellationToken.None);
        try
        {
            await controller.RunAsync(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            await forwarding;
            await StoppedAsync(watching);
            await StoppedAsync(reporting);
            await StoppedAsync(applyingSets);
            try
            {
                await informing;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static async Task StoppedAsync(Task run)
    {
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "unable to create controller {Controller}: {Reason}")]
    private static partial void LogControllerFailed(ILogger logger, string controller, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "unable to start the operator: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator started (health {Health}, metrics {Metrics}, namespace {Namespace})")]
    private static partial void LogStarted(ILogger logger, string health, string metrics, string @namespace);

    [LoggerMessage(Level = LogLevel.Error, Message = "Leader election lost")]
    private static partial void LogLeadershipLost(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator stopped")]
    private static partial void LogStopped(ILogger logger);
}
