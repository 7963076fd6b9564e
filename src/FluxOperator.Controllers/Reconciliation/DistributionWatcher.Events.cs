using System.Globalization;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>The watcher's Warning events against the FluxInstance (not forwarded to notification-controller).</summary>
public sealed partial class DistributionWatcher
{
    private async Task WarnAsync(FluxInstance instance, string message, CancellationToken cancellationToken, string reason = ConditionReasons.ArtifactFailed)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var stamp = now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var name = instance.Metadata.Name;
        var ns = instance.Metadata.NamespaceProperty ?? _options.Namespace;
        var evt = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            // client-go names events <object>.<unix nanoseconds in hex>.
            ["metadata"] = new JsonObject { ["name"] = $"{name}.{(now.Ticks - DateTime.UnixEpoch.Ticks) * 100:x}", ["namespace"] = ns },
            ["involvedObject"] = new JsonObject
            {
                ["apiVersion"] = ApiGroup.GroupVersion,
                ["kind"] = FluxInstance.KubeKind,
                ["name"] = name,
                ["namespace"] = ns,
                ["uid"] = instance.Metadata.Uid,
                ["resourceVersion"] = instance.Metadata.ResourceVersion,
            },
            ["type"] = "Warning",
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = OperatorInfo.Name },
            ["reportingComponent"] = OperatorInfo.Name,
            ["firstTimestamp"] = stamp,
            ["lastTimestamp"] = stamp,
            ["count"] = 1,
        };
        try
        {
            await _client.CreateAsync(KubeResources.Event, evt, OperatorInfo.Name, cancellationToken);
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            LogEventFailed(_logger, e, reason, message);
        }
    }
}
