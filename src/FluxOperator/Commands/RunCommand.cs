using System.CommandLine;
using FluxOperator.Hosting;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Commands;

/// <summary><c>run</c>: the operator process — watches the FluxInstance and keeps Flux installed as declared.</summary>
internal static class RunCommand
{
    /// <summary>The subcommand's name; also what a command line without a subcommand means.</summary>
    public const string Name = "run";

    public static Command Create()
    {
        var concurrent = new Option<int?>("--concurrent") { Description = "Maximum concurrent passes per controller (default 10)." };
        var reportingInterval = new Option<string?>("--reporting-interval") { Description = "FluxReport refresh interval (default 5m; env REPORTING_INTERVAL)." };
        var intervalFloor = new Option<string?>("--interval-floor") { Description = "Shortest reconcileEvery, reconcileArtifactEvery and report interval honoured; shorter values are raised to it with a Warning event (default 10s)." };
        var requeueDependency = new Option<string?>("--requeue-dependency") { Description = "ResourceSet dependency re-check interval (default 5s)." };
        var metricsAddr = new Option<string?>("--metrics-addr") { Description = "Prometheus endpoint bind address (default :8080)." };
        var healthAddr = new Option<string?>("--health-addr") { Description = "/healthz and /readyz bind address (default :8081)." };
        var storagePath = new Option<string?>("--storage-path") { Description = "The embedded distribution (default /data)." };
        var defaultSa = new Option<string?>("--default-service-account") { Description = "ResourceSet impersonation default (env DEFAULT_SERVICE_ACCOUNT)." };
        var defaultWiSa = new Option<string?>("--default-workload-identity-service-account") { Description = "Default workload-identity service account (env DEFAULT_WORKLOAD_IDENTITY_SERVICE_ACCOUNT)." };
        var overrideManager = new Option<string[]>("--override-manager") { Description = "Extra field manager to take ownership from; repeatable (env OVERRIDE_MANAGERS replaces)." };
        var watchSelector = new Option<string?>("--watch-configs-label-selector") { Description = "ResourceSet ConfigMap/Secret watch selector." };
        var webPort = new Option<int?>("--web-server-port") { Description = "Web UI port, 0 disables (env WEB_SERVER_PORT)." };
        var webOnly = new Option<bool>("--web-server-only") { Description = "Run only the web server." };
        var webConfig = new Option<string?>("--web-config") { Description = "Web server configuration file." };
        var webConfigSecret = new Option<string?>("--web-config-secret-name") { Description = "Secret with the web configuration (env WEB_CONFIG_SECRET_NAME)." };
        var tokenCacheSize = new Option<int?>("--token-cache-max-size") { Description = "Cloud token cache size, 0 disables (default 100)." };
        var tokenCacheDuration = new Option<string?>("--token-cache-max-duration") { Description = "Maximum token cache lifetime (default 1h)." };
        var logEncoding = new Option<string?>("--log-encoding") { Description = "json or console (default json)." };
        var logLevel = new Option<string?>("--log-level") { Description = "trace, debug, info or error (default info)." };
        var minRetry = new Option<string?>("--min-retry-delay") { Description = "First backoff delay of a failing key (default 750ms)." };
        var maxRetry = new Option<string?>("--max-retry-delay") { Description = "Backoff cap (default 15m)." };
        var jitter = new Option<int?>("--interval-jitter-percentage") { Description = "Jitter of the periodic requeue, < 100 (default 5)." };
        var leaderElection = new Option<bool>("--enable-leader-election") { Description = "Leader election (on unless given explicitly)." };
        var releaseOnCancel = new Option<bool?>("--leader-election-release-on-cancel") { Description = "Release the lease on shutdown (default true)." };
        var leaseDuration = new Option<string?>("--leader-election-lease-duration") { Description = "Lease duration (default 35s)." };
        var renewDeadline = new Option<string?>("--leader-election-renew-deadline") { Description = "Renew deadline (default 30s)." };
        var retryPeriod = new Option<string?>("--leader-election-retry-period") { Description = "Retry period (default 5s)." };

        var command = new Command(Name, "Run the operator: watch the FluxInstance and keep Flux installed as declared.")
        {
            concurrent, reportingInterval, intervalFloor, requeueDependency, metricsAddr, healthAddr, storagePath, defaultSa, defaultWiSa,
            overrideManager, watchSelector, webPort, webOnly, webConfig, webConfigSecret, tokenCacheSize, tokenCacheDuration,
            logEncoding, logLevel, minRetry, maxRetry, jitter, leaderElection, releaseOnCancel, leaseDuration, renewDeadline, retryPeriod,
        };
        var inputLimits = new InputLimitFlags();
        inputLimits.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!inputLimits.TryApply(parseResult, parseResult.InvocationConfiguration.Error))
            {
                return 1;
            }

            var arguments = new RunArguments
            {
                Concurrent = parseResult.GetValue(concurrent),
                ReportingInterval = parseResult.GetValue(reportingInterval),
                IntervalFloor = parseResult.GetValue(intervalFloor),
                RequeueDependency = parseResult.GetValue(requeueDependency),
                MetricsAddress = parseResult.GetValue(metricsAddr),
                HealthAddress = parseResult.GetValue(healthAddr),
                StoragePath = parseResult.GetValue(storagePath),
                DefaultServiceAccount = parseResult.GetValue(defaultSa),
                DefaultWorkloadIdentityServiceAccount = parseResult.GetValue(defaultWiSa),
                OverrideManagers = parseResult.GetValue(overrideManager) ?? [],
                WatchConfigsLabelSelector = parseResult.GetValue(watchSelector),
                WebServerPort = parseResult.GetValue(webPort),
                WebServerOnly = parseResult.GetValue(webOnly),
                WebConfig = parseResult.GetValue(webConfig),
                WebConfigSecretName = parseResult.GetValue(webConfigSecret),
                TokenCacheMaxSize = parseResult.GetValue(tokenCacheSize),
                TokenCacheMaxDuration = parseResult.GetValue(tokenCacheDuration),
                LogEncoding = parseResult.GetValue(logEncoding),
                LogLevel = parseResult.GetValue(logLevel),
                MinRetryDelay = parseResult.GetValue(minRetry),
                MaxRetryDelay = parseResult.GetValue(maxRetry),
                IntervalJitterPercentage = parseResult.GetValue(jitter),
                EnableLeaderElection = parseResult.GetResult(leaderElection) is { Implicit: false } ? parseResult.GetValue(leaderElection) : null,
                LeaderElectionReleaseOnCancel = parseResult.GetValue(releaseOnCancel),
                LeaderElectionLeaseDuration = parseResult.GetValue(leaseDuration),
                LeaderElectionRenewDeadline = parseResult.GetValue(renewDeadline),
                LeaderElectionRetryPeriod = parseResult.GetValue(retryPeriod),
            };
            var problems = OperatorOptionsBinder.Bind(arguments, Environment.GetEnvironmentVariable, out var options);
            if (problems.Count > 0)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("invalid configuration:\n  " + string.Join("\n  ", problems));
                return 1;
            }

            using var loggers = OperatorLogging.Create(options);
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("RUNTIME_NAMESPACE")))
            {
                loggers.CreateLogger("setup").LogInformation("RUNTIME_NAMESPACE env var not set, defaulting to flux-system");
            }

            return await new OperatorHost(options, loggers).RunAsync(cancellationToken);
        });
        return command;
    }
}
