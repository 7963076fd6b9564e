using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Reporting;

/// <summary>
/// Walks a collection page by page so that at most one page is held at a time: the report counts tens of
/// thousands of objects and must not keep them all in memory.
/// </summary>
public static class PagedList
{
    /// <summary>The default page size of the report's lists.</summary>
    public const int DefaultPageSize = 500;

    /// <summary>Yields every object of <paramref name="type"/> (all namespaces when <paramref name="namespace"/> is null).</summary>
    public static async IAsyncEnumerable<JsonObject> EachAsync(IKubeClient client, ResourceType type, string? @namespace, string? labelSelector,
        int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var page = await client.ListAsync(type, @namespace, new ListOptions { LabelSelector = labelSelector, Limit = pageSize, Continue = next }, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            next = page.Continue;
        }
        while (next is not null);
    }
}
