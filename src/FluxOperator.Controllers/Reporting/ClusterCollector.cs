using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.cluster</c>: the API server's git version and <c>os/arch</c>, the node count (counted page by page),
/// and OpenShift detection from the served API groups.
/// </summary>
public sealed class ClusterCollector(IKubeClient client, int pageSize = PagedList.DefaultPageSize)
{
    private static readonly string[] OpenShiftGroups = ["config.openshift.io", "route.openshift.io"];

    /// <summary>Reads version, platform, nodes and flavour; throws <see cref="ReportException"/> on failure.</summary>
    public async Task<ClusterFacts> CollectAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await client.GetRawAsync("version", cancellationToken) ?? throw new ReportException("failed to compute cluster info: /version not found");
            var nodes = 0;
            await foreach (var _ in PagedList.EachAsync(client, KubeResources.Node, null, null, pageSize, cancellationToken))
            {
                nodes++;
            }

            var info = new FluxClusterInfo
            {
                ServerVersion = JsonFields.Text(version["gitVersion"]) ?? "",
                Platform = JsonFields.Text(version["platform"]) ?? "",
                Nodes = nodes > 0 ? nodes : null,
            };
            return new ClusterFacts(info, IsOpenShift(await client.GetRawAsync("apis", cancellationToken)));
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ReportException($"failed to compute cluster info: {e.Message}", e);
        }
    }

    private static bool IsOpenShift(JsonObject? groups) =>
        groups?["groups"] is JsonArray list
        && list.OfType<JsonObject>().Any(g => JsonFields.Text(g["name"]) is { } name && OpenShiftGroups.Contains(name, StringComparer.Ordinal));
}
