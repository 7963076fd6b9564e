using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reconciliation.Upgrades;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Hosting;

/// <summary>
/// The operator process: resolves the cluster, makes sure the report exists, then composes a
/// <see cref="ControllerHost"/>: health and metrics servers on every replica, the controllers, their informers and
/// the drift watches only while this replica holds the <c>flux-operator</c> Lease.
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

        // Every instrument lives on one meter from the process's meter factory; the metrics endpoint exports it.
        using var meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = meterServices.GetRequiredService<IMeterFactory>();
        var runtimeMetrics = new RuntimeMetrics(meters);
        using var kubernetes = new Kubernetes(config);
        var client = new KubeApiClient(kubernetes, runtimeMetrics);
        var servesProviders = false;
        var reportOptions = new ReportOptions { Namespace = _options.RuntimeNamespace, ReportingInterval = _options.ReportingInterval, MinInterval = _options.IntervalFloor };
        try
        {
            // Every replica, before leader election: the report exists even with no FluxInstance. A web-only replica
            // writes nothing to the cluster, so it leaves this to the reconciling one.
            if (!_options.WebServerOnly)
            {
                await FluxReportBootstrap.EnsureAtStartupAsync(client, reportOptions, cancellationToken);
                servesProviders = await ResourceSetController.ServesProvidersAsync(client, cancellationToken);
            }
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

        var time = TimeProvider.System;
        using var artifacts = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "flux-operator-artifacts") }, time, _loggers);
        using var notifications = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        ControllerHost host;
        if (_options.WebServerOnly)
        {
            host = ComposeWebServerOnly(client, time);
            LogServingOnly(_logger, _options.HealthAddress, _options.MetricsAddress, _options.RuntimeNamespace);
        }
        else
        {
            host = Compose(client, kubernetes, reportOptions, artifacts, notifications, time, servesProviders, runtimeMetrics, meters);
            LogStarted(_logger, _options.HealthAddress, _options.MetricsAddress, _options.RuntimeNamespace);
        }

        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (RunnableFailedException)
        {
            return 1; // the host logged which part failed and why
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

    /// <summary>Every part of the operator, each added to the host by one call.</summary>
    private ControllerHost Compose(KubeApiClient client, Kubernetes kubernetes, ReportOptions reportOptions, ArtifactStore artifacts, HttpClient notifications, TimeProvider time,
        bool servesProviders, RuntimeMetrics runtimeMetrics, IMeterFactory meters)
    {
        var ns = _options.RuntimeNamespace;
        var host = new ControllerHost(client, time, _loggers, runtimeMetrics);
        var fluxMetrics = new FluxMetrics(meters);
        host.Add("endpoints", RunEndpointsAsync, RunnableScope.Always);
        if (_options.EnableLeaderElection)
        {
            // Outside a cluster there is no service-account namespace: the Lease goes to the runtime namespace.
            host.UseLeaderElection(new LeaderElection(kubernetes, new LeaderElectionOptions
            {
                Namespace = LeaderElection.ServiceAccountNamespace() ?? ns,
                LeaseDuration = _options.LeaderElectionLeaseDuration,
                RenewDeadline = _options.LeaderElectionRenewDeadline,
                RetryPeriod = _options.LeaderElectionRetryPeriod,
                ReleaseOnCancel = _options.LeaderElectionReleaseOnCancel,
            }, time, _loggers.CreateLogger<LeaderElection>(), runtimeMetrics));
        }

        var controllerOptions = new ControllerOptions
        {
            MaxConcurrentReconciles = _options.Concurrent,
            MinRetryDelay = _options.MinRetryDelay,
            MaxRetryDelay = _options.MaxRetryDelay,
        };
        var events = new NotificationForwarder(new KubeEventRecorder(client, time, _loggers.CreateLogger<KubeEventRecorder>()), notifications, time, _loggers.CreateLogger<NotificationForwarder>());
        host.Add("event forwarder", events.RunAsync);

        // The watcher's registry verdict reaches the report in-process (no API round trip needed).
        var health = new ArtifactHealth();
        var reportRefresh = FluxReportController.Add(host, reportOptions, health, controllerOptions, time, _loggers, fluxMetrics);
        var reportRefresher = new ReportRefresher(client, ns, time, _loggers.CreateLogger<ReportRefresher>(), reportRefresh);
        var instanceServices = new ServiceCollection()
            .AddSingleton<IKubeClient>(client)
            .AddSingleton(time)
            .AddSingleton(_loggers)
            .AddSingleton(artifacts)
            .AddSingleton<IEventRecorder>(events)
            .AddSingleton(reportRefresher)
            .AddSingleton(new InstanceMetrics(meters))
            .AddSafeUpgrades();
        var instanceReconcile = FluxInstanceController.Add(host, instanceServices, new FluxInstanceReconcilerOptions
        {
            Namespace = ns,
            StoragePath = _options.StoragePath,
            OverrideManagers = _options.OverrideManagers,
            IntervalJitter = _options.IntervalJitterPercentage / 100.0,
            InCluster = _options.InCluster,
            NotificationAddress = _options.NotificationControllerAddress,
            NotificationsDisabled = _options.NotificationsDisabled,
            IntervalFloors = IntervalFloors.Default with { Periodic = _options.IntervalFloor },
        }, controllerOptions);
        DistributionWatcherController.Add(host, artifacts, new DistributionWatcherOptions { Namespace = ns, MinInterval = _options.IntervalFloor }, health, instanceReconcile,
            controllerOptions, time, _loggers, reportRefresher, fluxMetrics);
        ResourceSetController.Add(host, client, events, new ResourceSetReconcilerOptions
        {
            DefaultServiceAccount = _options.DefaultServiceAccount,
            IntervalFloors = IntervalFloors.Default with { Periodic = _options.IntervalFloor },
            RequeueDependency = _options.RequeueDependency,
            OverrideManagers = _options.OverrideManagers,
            IntervalJitter = _options.IntervalJitterPercentage / 100.0,
            NotificationAddress = _options.NotificationControllerAddress,
            NotificationsDisabled = _options.NotificationsDisabled,
        }, _options.WatchConfigsLabelSelector, servesProviders, controllerOptions, time, _loggers, new ResourceSetMetrics(meters));
        return host;
    }

    // A web-only replica serves next to the reconciling one and must never act as a second one: no controller, no
    // leader election, no writes. Until the web UI exists it serves the health and metrics endpoints only.
    private ControllerHost ComposeWebServerOnly(KubeApiClient client, TimeProvider time)
    {
        var host = new ControllerHost(client, time, _loggers);
        host.Add("endpoints", RunEndpointsAsync, RunnableScope.Always);
        return host;
    }

    private async Task RunEndpointsAsync(CancellationToken cancellationToken)
    {
        await using var endpoints = await OperatorEndpoints.StartAsync(_options, cancellationToken);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "unable to create controller {Controller}: {Reason}")]
    private static partial void LogControllerFailed(ILogger logger, string controller, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "unable to start the operator: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator started (health {Health}, metrics {Metrics}, namespace {Namespace})")]
    private static partial void LogStarted(ILogger logger, string health, string metrics, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator started in web-server-only mode: no controllers, no leader election (health {Health}, metrics {Metrics}, namespace {Namespace})")]
    private static partial void LogServingOnly(ILogger logger, string health, string metrics, string @namespace);

    [LoggerMessage(Level = LogLevel.Information, Message = "Operator stopped")]
    private static partial void LogStopped(ILogger logger);
}
