using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// <c>spec.reconcilers</c>: per discovered Flux kind and per operator kind, the running, failing and suspended
/// counts and the artifact size, listed cluster-wide page by page. A failed kind fails the step after every kind
/// was tried, so the counts of the others still reach the metrics.
/// </summary>
public sealed class ReconcilerCollector(IKubeClient client, int pageSize = PagedList.DefaultPageSize)
{
    /// <summary>The operator's own kinds, always listed.</summary>
    public static IReadOnlyList<FluxKind> OperatorKinds { get; } =
    [
        new(OperatorResources.FluxInstance, IsOperatorKind: true),
        new(OperatorResources.ResourceSet, IsOperatorKind: true),
        new(OperatorResources.ResourceSetInputProvider, IsOperatorKind: true),
    ];

    /// <summary>
    /// Counts every kind; the entries come sorted by <c>apiVersion + kind</c>. When <paramref name="resourceInfo"/> is
    /// given, it receives the <c>flux_resource_info</c> labels of every Flux object (not of the operator's kinds).
    /// </summary>
    public async Task<ReconcilerCounts> CollectAsync(IReadOnlyList<FluxKind> fluxKinds, CancellationToken cancellationToken,
        List<KeyValuePair<string, object?>[]>? resourceInfo = null)
    {
        var entries = new List<FluxReconcilerStatus>();
        var errors = new List<string>();
        foreach (var kind in fluxKinds.Where(k => k.Type.Group != ApiGroup.Group).Concat(OperatorKinds))
        {
            var tally = new ReconcilerTally(kind);
            try
            {
                await foreach (var obj in PagedList.EachAsync(client, kind.Type, null, null, pageSize, cancellationToken))
                {
                    tally.Add(obj);
                    if (resourceInfo is not null && !kind.IsOperatorKind)
                    {
                        resourceInfo.Add(ResourceInfoLabels.From(obj, kind.Kind));
                    }
                }
            }
            catch (KubeApiException e) when (e.IsNotFound && kind.IsOperatorKind)
            {
                // This operator does not serve every kind the Go operator has (ResourceSet): an absent API is no failure.
                continue;
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                errors.Add($"{kind.Kind}: {e.Message}");
                continue;
            }

            entries.Add(tally.ToStatus());
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.ApiVersion + a.Kind, b.ApiVersion + b.Kind));
        return new ReconcilerCounts(entries, errors);
    }
}
