using System.Globalization;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Asks the FluxReport <c>&lt;ns&gt;/flux</c> for a refresh: the <c>reconcile.fluxcd.io/requestedAt</c> annotation in
/// Unix seconds (what other replicas and tools see), plus the report controller's queue in-process, because the
/// annotation has one-second resolution and two requests within a second would otherwise leave the report stale.
/// Failures are logged, never raised: a stale report must not fail the caller's pass.
/// </summary>
public sealed partial class ReportRefresher
{
    private readonly IKubeClient _client;
    private readonly string _namespace;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action? _inProcess;

    /// <summary>Creates the refresher; <paramref name="inProcess"/> queues a pass of the report controller.</summary>
    public ReportRefresher(IKubeClient client, string @namespace, TimeProvider? time = null, ILogger<ReportRefresher>? logger = null, Action? inProcess = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        _namespace = @namespace;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _inProcess = inProcess;
    }

    /// <summary>Requests the refresh; a missing report is not an error (its controller creates it).</summary>
    public async Task RequestAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [AnnotationKeys.RequestedAt] = now } } };
        try
        {
            await _client.PatchAsync(OperatorResources.FluxReport, _namespace, ReportResources.SingletonName, PatchType.Merge, patch, ApiGroup.FieldManager, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or OperationCanceledException)
        {
            LogFailed(_logger, e);
        }
        finally
        {
            _inProcess?.Invoke();
        }
    }

    [LoggerMessage(EventId = 760, Level = LogLevel.Warning, Message = "failed to request a FluxReport refresh")]
    private static partial void LogFailed(ILogger logger, Exception error);
}
