using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// Event filters for <see cref="Controller.Watch"/>, as controller-runtime's predicates: creates and deletes always
/// pass; an update passes only when the part the predicate cares about changed (status-only writes do not).
/// </summary>
public static class Predicates
{
    /// <summary><c>metadata.generation</c> changed (a spec change, or a deletion being requested).</summary>
    public static bool GenerationChanged(InformerEvent e) =>
        e.Type != InformerEventType.Updated || e.Old is null || ObjectMeta.Generation(e.Old) != ObjectMeta.Generation(e.Object);

    /// <summary>The annotation map changed (any key).</summary>
    public static bool AnnotationsChanged(InformerEvent e) => MapChanged(e, "annotations");

    /// <summary>The label map changed (any key).</summary>
    public static bool LabelsChanged(InformerEvent e) => MapChanged(e, "labels");

    /// <summary>Passes when any of <paramref name="predicates"/> passes.</summary>
    public static Func<InformerEvent, bool> Any(params Func<InformerEvent, bool>[] predicates) => e => predicates.Any(p => p(e));

    /// <summary>Passes when all of <paramref name="predicates"/> pass.</summary>
    public static Func<InformerEvent, bool> All(params Func<InformerEvent, bool>[] predicates) => e => predicates.All(p => p(e));

    private static bool MapChanged(InformerEvent e, string field)
    {
        if (e.Type != InformerEventType.Updated || e.Old is null)
        {
            return true;
        }

        var before = e.Old["metadata"]?[field] as JsonObject;
        var after = e.Object["metadata"]?[field] as JsonObject;
        // An absent map and an empty one are the same map.
        return (before?.Count ?? 0, after?.Count ?? 0) switch
        {
            (0, 0) => false,
            _ => !JsonNode.DeepEquals(before, after),
        };
    }
}
