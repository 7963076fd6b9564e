using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Metadata added after the build, right before applying: ownership labels, then common metadata.</summary>
/// <remarks>Outside the build on purpose: it must not change the revision. Pod templates and selectors are untouched.</remarks>
public static class AppliedMetadata
{
    /// <summary>Copies of <paramref name="objects"/> labelled as owned by <paramref name="instance"/> with its common metadata merged.</summary>
    public static IReadOnlyList<JsonObject> Prepare(IReadOnlyList<JsonObject> objects, FluxInstance instance)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(instance);
        var @namespace = string.IsNullOrEmpty(instance.Metadata?.NamespaceProperty) ? "flux-system" : instance.Metadata.NamespaceProperty;
        var name = string.IsNullOrEmpty(instance.Metadata?.Name) ? "flux" : instance.Metadata.Name;
        var labels = new List<KeyValuePair<string, string>>
        {
            new(LabelKeys.OwnerName, name),
            new(LabelKeys.OwnerNamespace, @namespace),
        };
        labels.AddRange(instance.Spec.CommonMetadata?.Labels ?? []);
        var annotations = instance.Spec.CommonMetadata?.Annotations ?? [];
        return objects.Select(o => Stamp((JsonObject)o.DeepClone(), labels, annotations)).ToArray();
    }

    private static JsonObject Stamp(JsonObject obj, IEnumerable<KeyValuePair<string, string>> labels, IEnumerable<KeyValuePair<string, string>> annotations)
    {
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        Merge(metadata, "labels", labels);
        Merge(metadata, "annotations", annotations);
        return obj;
    }

    private static void Merge(JsonObject metadata, string key, IEnumerable<KeyValuePair<string, string>> values)
    {
        var map = metadata[key] as JsonObject;
        foreach (var (k, v) in values)
        {
            if (map is null)
            {
                map = new JsonObject();
                metadata[key] = map;
            }

            map[k] = v;
        }
    }
}
