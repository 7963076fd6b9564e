using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using FluxOperator.Controllers.Api.V1;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Records events through an inner recorder, then posts those marked <see cref="InstanceEvent.ForwardTo"/> to
/// notification-controller. Posting happens in the background, in order, so an unreachable controller
/// (or one that is still starting) never slows a pass; failures are logged only.
/// </summary>
public sealed partial class NotificationForwarder : IEventRecorder
{
    private const int Retries = 4;
    private readonly IEventRecorder _inner;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<(Uri Target, JsonObject Body)> _pending = Channel.CreateBounded<(Uri, JsonObject)>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Creates the forwarder; <see cref="RunAsync"/> does the posting.</summary>
    public NotificationForwarder(IEventRecorder inner, HttpClient http, TimeProvider time, ILogger<NotificationForwarder> logger)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Where a FluxInstance's events go: <paramref name="explicitAddress"/> when set; else, unless disabled, the
    /// instance's notification-controller Service when it is one of its components; else nowhere.
    /// </summary>
    public static Uri? Target(FluxInstance instance, string? explicitAddress, bool disabled)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!string.IsNullOrEmpty(explicitAddress))
        {
            return new Uri(explicitAddress);
        }

        if (disabled || !instance.Spec.ComponentsOrDefault.Contains("notification-controller"))
        {
            return null;
        }

        var domain = instance.Spec.ClusterOrDefault.Domain is { Length: > 0 } d ? d : "cluster.local";
        return new Uri($"http://notification-controller.{instance.Metadata.NamespaceProperty}.svc.{domain}./");
    }

    /// <inheritdoc />
    public async Task RecordAsync(V1ObjectReference subject, InstanceEvent instanceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(instanceEvent);
        await _inner.RecordAsync(subject, instanceEvent, cancellationToken);
        if (instanceEvent.ForwardTo is { } target)
        {
            _pending.Writer.TryWrite((target, Body(subject, instanceEvent)));
        }
    }

    /// <summary>Posts queued events until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (target, body) in _pending.Reader.ReadAllAsync(cancellationToken))
            {
                await PostAsync(target, body, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task PostAsync(Uri target, JsonObject body, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        for (var attempt = 0; ; attempt++)
        {
            string problem;
            try
            {
                using var attemptBudget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptBudget.CancelAfter(TimeSpan.FromSeconds(5));
                using var response = await _http.PostAsJsonAsync(target, body, attemptBudget.Token);

                // 429 means notification-controller saw this event already: not an error, not retried.
                if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    return;
                }

                problem = $"HTTP {(int)response.StatusCode}";
                if ((int)response.StatusCode < 500)
                {
                    LogForwardFailed(_logger, target, problem);
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problem = e.Message;
            }

            if (attempt == Retries)
            {
                LogForwardFailed(_logger, target, problem);
                return;
            }

            await Task.Delay(wait, _time, cancellationToken);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        }
    }

    private JsonObject Body(V1ObjectReference subject, InstanceEvent instanceEvent)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in instanceEvent.ForwardMetadata)
        {
            metadata[key] = value;
        }

        if (instanceEvent.Revision is { } revision)
        {
            metadata[AnnotationKeys.Revision] = revision;
        }

        return new JsonObject
        {
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = subject.Kind,
                ["namespace"] = subject.NamespaceProperty,
                ["name"] = subject.Name,
                ["uid"] = subject.Uid,
                ["apiVersion"] = subject.ApiVersion,
                ["resourceVersion"] = subject.ResourceVersion,
            },
            ["severity"] = instanceEvent.Type == "Warning" ? "error" : "info",
            ["timestamp"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["message"] = instanceEvent.Message,
            ["reason"] = instanceEvent.Reason,
            ["metadata"] = metadata,
            ["reportingController"] = ApiGroup.FieldManager,
            ["reportingInstance"] = Environment.MachineName,
        };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to forward event to {Target}: {Problem}")]
    private static partial void LogForwardFailed(ILogger logger, Uri target, string problem);
}
