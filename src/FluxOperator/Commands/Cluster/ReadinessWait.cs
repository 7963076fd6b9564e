using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// Waits, polling every two seconds, until an object is Ready for its current generation (and, after a reconcile
/// request, has handled that request); fails at once when reconciliation is disabled or Ready is False for a reason
/// other than a cancelled health check. The messages are upstream's, so scripts that match them keep working.
/// </summary>
internal static class ReadinessWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    /// <summary>Returns the Ready message; throws <see cref="CliException"/> on failure or when <paramref name="cancellationToken"/> (the deadline) fires.</summary>
    public static async Task<string> UntilReadyAsync(ClusterSession session, FluxKind kind, string @namespace, string name, string? requestedAt, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var obj = await session.Client.GetAsync(kind.Type, @namespace, name, cancellationToken).ConfigureAwait(false);
                if (obj is null)
                {
                    if (requestedAt is not null)
                    {
                        throw new CliException($"{kind.Kind}/{@namespace}/{name} not found");
                    }
                }
                else if (Check(obj, name, requestedAt) is { } message)
                {
                    return message;
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"timed out waiting for {@namespace}/{name} to become ready");
        }
    }

    /// <summary>Polls every two seconds until the object is gone; the deadline gives upstream's message.</summary>
    public static async Task UntilDeletedAsync(ClusterSession session, FluxKind kind, string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            while (await session.Client.GetAsync(kind.Type, @namespace, name, cancellationToken).ConfigureAwait(false) is not null)
            {
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"timed out waiting for {@namespace}/{name} to be deleted");
        }
    }

    /// <summary>The Ready message when done, null to keep waiting; throws when the wait cannot succeed.</summary>
    private static string? Check(JsonObject obj, string name, string? requestedAt)
    {
        if (FluxObjectStatus.IsSuspended(obj))
        {
            throw new CliException($"Reconciliation is disabled for {name}");
        }

        if (requestedAt is not null && obj["status"]?["lastHandledReconcileAt"]?.GetValue<string>() != requestedAt)
        {
            return null;
        }

        var ready = FluxObjectStatus.ReadyCondition(obj);
        if (ready is null || (ready["observedGeneration"]?.GetValue<long>() ?? -1) != ObjectMeta.Generation(obj))
        {
            return null;
        }

        var message = ready["message"]?.GetValue<string>();
        return ready["status"]?.GetValue<string>() switch
        {
            "True" => string.IsNullOrEmpty(message) ? "Reconciliation completed successfully" : message,
            "False" when ready["reason"]?.GetValue<string>() == "HealthCheckCanceled" => null,
            "False" => throw new CliException($"{ready["reason"]?.GetValue<string>()}: {message}"),
            _ => null,
        };
    }

    /// <summary>The request time as upstream writes it (RFC 3339 with nanoseconds).</summary>
    public static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The annotation a reconcile request writes.</summary>
    public const string RequestedAt = AnnotationKeys.RequestedAt;
}
