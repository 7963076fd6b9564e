using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// Finds the Flux kinds from the CRDs labelled <c>app.kubernetes.io/part-of=flux</c>, each at the last of its
/// <c>status.storedVersions</c>. The CRD carries plural and scope, so no discovery round trip is needed.
/// </summary>
public sealed class CrdCollector(IKubeClient client, int pageSize = PagedList.DefaultPageSize)
{
    /// <summary>The discovered kinds, in CRD list order; throws <see cref="ReportException"/> when there are none.</summary>
    public async Task<IReadOnlyList<FluxKind>> CollectAsync(CancellationToken cancellationToken)
    {
        var kinds = new List<FluxKind>();
        try
        {
            await foreach (var crd in PagedList.EachAsync(client, KubeResources.CustomResourceDefinition, null, $"{LabelKeys.PartOf}={LabelKeys.PartOfValue}", pageSize, cancellationToken))
            {
                kinds.Add(ToKind(crd));
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ReportException($"failed to list CRDs: {e.Message}", e);
        }

        return kinds.Count == 0 ? throw new ReportException("failed to list CRDs: no Flux CRDs found") : kinds;
    }

    private static FluxKind ToKind(JsonObject crd)
    {
        var name = JsonFields.Text(crd["metadata"]?["name"]) ?? "";
        var spec = crd["spec"];
        var group = JsonFields.Text(spec?["group"]) ?? "";
        var kind = JsonFields.Text(spec?["names"]?["kind"]) ?? "";
        var plural = JsonFields.Text(spec?["names"]?["plural"]) ?? "";
        var namespaced = JsonFields.Text(spec?["scope"]) != "Cluster";
        var stored = crd["status"]?["storedVersions"] as JsonArray;
        var version = stored is { Count: > 0 } ? JsonFields.Text(stored[^1]) : null;
        if (string.IsNullOrEmpty(version))
        {
            throw new ReportException($"failed to list CRDs: no stored versions found for {name}");
        }

        return new FluxKind(new ResourceType(group, version, kind, plural, namespaced));
    }
}
