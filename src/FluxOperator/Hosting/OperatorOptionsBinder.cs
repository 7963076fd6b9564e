using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Hosting;

/// <summary>
/// Flags → environment overrides → validated <see cref="OperatorOptions"/>, at the door: every problem
/// is collected so one message lists them all.
/// </summary>
internal static class OperatorOptionsBinder
{
    private static readonly string[] LogEncodings = ["json", "console"];
    private static readonly string[] LogLevels = ["trace", "debug", "info", "error"];

    /// <summary>Binds and validates; returns the problems (empty when <paramref name="options"/> is usable).</summary>
    public static IReadOnlyList<string> Bind(RunArguments args, Func<string, string?> environment, out OperatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<string>();
        var defaults = new OperatorOptions();
        string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;

        var reportingInterval = Duration("--reporting-interval", args.ReportingInterval, defaults.ReportingInterval, problems);
        if (Env("REPORTING_INTERVAL") is { } reporting)
        {
            reportingInterval = GoDuration.TryParse(reporting, out var ns) ? FromNanoseconds(ns) : Problem(problems, $"unable to parse reporting interval: REPORTING_INTERVAL={reporting}", reportingInterval);
        }

        var webPort = args.WebServerPort ?? defaults.WebServerPort;
        if (Env("WEB_SERVER_PORT") is { } port)
        {
            webPort = int.TryParse(port, out var parsed) ? parsed : Problem(problems, $"unable to parse WEB_SERVER_PORT={port}: not an integer", webPort);
        }

        var vendor = Env("MARKETPLACE_TYPE") switch
        {
            null or "controlplane" => "controlplane",
            "aws" => "controlplane-aws",
            var other => Problem(problems, $"unsupported vendor {other} (MARKETPLACE_TYPE)", "controlplane"),
        };

        var jitter = args.IntervalJitterPercentage ?? defaults.IntervalJitterPercentage;
        if (jitter is < 0 or >= 100)
        {
            problems.Add($"unable to set global jitter: --interval-jitter-percentage={jitter} must be in [0, 100)");
        }

        var concurrent = args.Concurrent ?? defaults.Concurrent;
        if (concurrent < 1)
        {
            problems.Add($"--concurrent={concurrent} must be at least 1");
        }

        var encoding = args.LogEncoding ?? defaults.LogEncoding;
        if (!LogEncodings.Contains(encoding, StringComparer.Ordinal))
        {
            problems.Add($"--log-encoding={encoding} must be one of {string.Join(", ", LogEncodings)}");
        }

        var level = args.LogLevel ?? defaults.LogLevel;
        if (!LogLevels.Contains(level, StringComparer.Ordinal))
        {
            problems.Add($"--log-level={level} must be one of {string.Join(", ", LogLevels)}");
        }

        var webConfigSecret = args.WebConfigSecretName is { Length: > 0 } secret ? secret : Env("WEB_CONFIG_SECRET_NAME") ?? "";
        if (args.WebConfig is { Length: > 0 } && webConfigSecret.Length > 0)
        {
            problems.Add("--web-config and --web-config-secret-name are mutually exclusive");
        }

        var minRetry = Duration("--min-retry-delay", args.MinRetryDelay, defaults.MinRetryDelay, problems);
        var maxRetry = Duration("--max-retry-delay", args.MaxRetryDelay, defaults.MaxRetryDelay, problems);
        if (minRetry <= TimeSpan.Zero || maxRetry < minRetry)
        {
            problems.Add($"retry delays must satisfy 0 < --min-retry-delay ({minRetry}) <= --max-retry-delay ({maxRetry})");
        }

        var lease = Duration("--leader-election-lease-duration", args.LeaderElectionLeaseDuration, defaults.LeaderElectionLeaseDuration, problems);
        var renew = Duration("--leader-election-renew-deadline", args.LeaderElectionRenewDeadline, defaults.LeaderElectionRenewDeadline, problems);
        var retry = Duration("--leader-election-retry-period", args.LeaderElectionRetryPeriod, defaults.LeaderElectionRetryPeriod, problems);
        if (!(lease > renew && renew > retry && retry > TimeSpan.Zero))
        {
            problems.Add($"leader election timings must satisfy lease duration ({lease}) > renew deadline ({renew}) > retry period ({retry}) > 0");
        }

        if (Controllers.ResourceSets.ResourceSetController.WatchSelectorProblem(args.WatchConfigsLabelSelector) is { } selectorProblem)
        {
            problems.Add(selectorProblem);
        }

        Address("--metrics-addr", args.MetricsAddress ?? defaults.MetricsAddress, problems);
        Address("--health-addr", args.HealthAddress ?? defaults.HealthAddress, problems);
        var overrides = Env("OVERRIDE_MANAGERS") is { } managers
            ? managers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : args.OverrideManagers.ToArray();

        options = new OperatorOptions
        {
            Concurrent = concurrent,
            ReportingInterval = reportingInterval,
            IntervalFloor = Duration("--interval-floor", args.IntervalFloor, defaults.IntervalFloor, problems),
            RequeueDependency = Duration("--requeue-dependency", args.RequeueDependency, defaults.RequeueDependency, problems),
            MetricsAddress = args.MetricsAddress ?? defaults.MetricsAddress,
            HealthAddress = args.HealthAddress ?? defaults.HealthAddress,
            StoragePath = args.StoragePath ?? defaults.StoragePath,
            DefaultServiceAccount = Env("DEFAULT_SERVICE_ACCOUNT") ?? args.DefaultServiceAccount ?? "",
            DefaultWorkloadIdentityServiceAccount = Env("DEFAULT_WORKLOAD_IDENTITY_SERVICE_ACCOUNT") ?? args.DefaultWorkloadIdentityServiceAccount ?? "",
            OverrideManagers = overrides,
            WatchConfigsLabelSelector = args.WatchConfigsLabelSelector ?? defaults.WatchConfigsLabelSelector,
            WebServerPort = webPort,
            WebServerOnly = args.WebServerOnly,
            WebConfig = args.WebConfig ?? "",
            WebConfigSecretName = webConfigSecret,
            TokenCacheMaxSize = args.TokenCacheMaxSize ?? defaults.TokenCacheMaxSize,
            TokenCacheMaxDuration = Duration("--token-cache-max-duration", args.TokenCacheMaxDuration, defaults.TokenCacheMaxDuration, problems),
            LogEncoding = encoding,
            LogLevel = level,
            MinRetryDelay = minRetry,
            MaxRetryDelay = maxRetry,
            IntervalJitterPercentage = jitter,

            // The nominal default is false, but the process forces it on unless given explicitly; web-only forces it off.
            EnableLeaderElection = !args.WebServerOnly && (args.EnableLeaderElection ?? true),
            LeaderElectionReleaseOnCancel = args.LeaderElectionReleaseOnCancel ?? true,
            LeaderElectionLeaseDuration = lease,
            LeaderElectionRenewDeadline = renew,
            LeaderElectionRetryPeriod = retry,
            RuntimeNamespace = Env("RUNTIME_NAMESPACE") ?? "flux-system",
            Vendor = vendor,
            NotificationControllerAddress = Env("NOTIFICATION_CONTROLLER_ADDRESS") ?? "",
            NotificationsDisabled = Env("NOTIFICATIONS_DISABLED") is not null,
            InCluster = Env("KUBERNETES_SERVICE_HOST") is not null,
        };
        return problems;
    }

    /// <summary>Splits <c>[host]:port</c>; an empty host means every interface.</summary>
    public static (string Host, int Port) SplitAddress(string address)
    {
        var colon = address.LastIndexOf(':');
        var host = colon <= 0 ? "" : address[..colon].Trim('[', ']');
        var port = int.Parse(address[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return (host, port);
    }

    private static void Address(string flag, string value, List<string> problems)
    {
        var colon = value.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(value[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            problems.Add($"{flag}={value} must be [host]:port");
        }
    }

    private static TimeSpan Duration(string flag, string? value, TimeSpan fallback, List<string> problems)
    {
        if (value is null)
        {
            return fallback;
        }

        return GoDuration.TryParse(value, out var ns) ? FromNanoseconds(ns) : Problem(problems, $"{flag}={value}: invalid duration", fallback);
    }

    private static TimeSpan FromNanoseconds(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / 100);

    private static T Problem<T>(List<string> problems, string message, T fallback)
    {
        problems.Add(message);
        return fallback;
    }
}
