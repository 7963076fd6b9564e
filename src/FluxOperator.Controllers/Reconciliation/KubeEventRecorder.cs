using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Writes core <c>v1</c> Events with source <c>flux-operator</c>. Identical events (same object, type, reason and
/// message) are collapsed into one Event whose count grows, as Kubernetes event recorders do.
/// </summary>
public sealed partial class KubeEventRecorder : IEventRecorder
{
    private const int MaxRemembered = 1024;
    private readonly IKubeClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _instance = Environment.MachineName;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Creates a recorder writing through <paramref name="client"/>.</summary>
    public KubeEventRecorder(IKubeClient client, TimeProvider time, ILogger<KubeEventRecorder> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public async Task RecordAsync(V1ObjectReference subject, InstanceEvent instanceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(instanceEvent);
        var name = $"{subject.Name}.{Hash(subject, instanceEvent)}";
        var now = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (_counts.Count > MaxRemembered)
        {
            // Messages with durations rarely repeat: forget them rather than grow; a repeat is then rewritten.
            _counts.Clear();
        }

        var count = _counts.AddOrUpdate(name, 1, (_, c) => c + 1);
        try
        {
            if (count > 1)
            {
                var patch = new JsonObject { ["count"] = count, ["lastTimestamp"] = now };
                await _client.PatchAsync(KubeResources.Event, subject.NamespaceProperty, name, PatchType.Merge, patch, ApiGroup.FieldManager, cancellationToken);
                return;
            }

            await _client.CreateAsync(KubeResources.Event, Build(name, subject, instanceEvent, now), ApiGroup.FieldManager, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists || e.IsNotFound)
        {
            // Another process (or a previous life of this one) wrote it first, or it expired: write it afresh.
            await RewriteAsync(name, subject, instanceEvent, now, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            LogEventFailed(_logger, e, instanceEvent.Reason, subject.Name);
        }
    }

    private async Task RewriteAsync(string name, V1ObjectReference subject, InstanceEvent instanceEvent, string now, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync(KubeResources.Event, subject.NamespaceProperty, name, null, cancellationToken);
            await _client.CreateAsync(KubeResources.Event, Build(name, subject, instanceEvent, now), ApiGroup.FieldManager, cancellationToken);
            _counts[name] = 1;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            LogEventFailed(_logger, e, instanceEvent.Reason, subject.Name);
        }
    }

    private JsonObject Build(string name, V1ObjectReference subject, InstanceEvent instanceEvent, string now)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = subject.NamespaceProperty };
        if (instanceEvent.Revision is { } revision)
        {
            metadata["annotations"] = new JsonObject { [AnnotationKeys.Revision] = revision };
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = metadata,
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = subject.ApiVersion,
                ["kind"] = subject.Kind,
                ["namespace"] = subject.NamespaceProperty,
                ["name"] = subject.Name,
                ["uid"] = subject.Uid,
                ["resourceVersion"] = subject.ResourceVersion,
            },
            ["type"] = instanceEvent.Type,
            ["reason"] = instanceEvent.Reason,
            ["message"] = instanceEvent.Message,
            ["source"] = new JsonObject { ["component"] = ApiGroup.FieldManager },
            ["reportingComponent"] = ApiGroup.FieldManager,
            ["reportingInstance"] = _instance,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
        };
    }

    private static string Hash(V1ObjectReference subject, InstanceEvent instanceEvent)
    {
        var text = $"{subject.Uid}\n{instanceEvent.Type}\n{instanceEvent.Reason}\n{instanceEvent.Message}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed to record event {Reason} for {Name}")]
    private static partial void LogEventFailed(ILogger logger, Exception error, string reason, string name);
}
