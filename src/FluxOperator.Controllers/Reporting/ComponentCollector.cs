using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply.Health;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.components</c>: the Flux Deployments of the namespace (shards included), sorted by name, with the first
/// container's image and the kstatus verdict computed on the listed object.
/// </summary>
public sealed class ComponentCollector(IKubeClient client, string @namespace, int pageSize = PagedList.DefaultPageSize)
{
    /// <summary>Lists and evaluates the Deployments; throws <see cref="ReportException"/> when the list fails.</summary>
    public async Task<List<FluxComponentStatus>> CollectAsync(CancellationToken cancellationToken)
    {
        var components = new List<FluxComponentStatus>();
        try
        {
            await foreach (var deployment in PagedList.EachAsync(client, KubeResources.Deployment, @namespace, $"{LabelKeys.PartOf}={LabelKeys.PartOfValue}", pageSize, cancellationToken))
            {
                var component = new FluxComponentStatus
                {
                    Name = JsonFields.Text(deployment["metadata"]?["name"]) ?? "",
                    Image = JsonFields.Text(deployment["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]) ?? "",
                };
                try
                {
                    var health = KStatus.Compute(deployment);
                    component.Ready = health.Status == HealthStatus.Current;
                    component.Status = $"{health.Status} {health.Message}";
                }
                catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
                {
                    component.Ready = false;
                    component.Status = $"Failed to compute status: {e.Message}";
                }

                components.Add(component);
            }
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new ReportException($"failed to list deployments: {e.Message}", e);
        }

        components.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return components;
    }
}
