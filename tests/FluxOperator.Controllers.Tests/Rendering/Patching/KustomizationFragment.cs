using System.Text.Json.Nodes;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>Reads the subset of a kustomization.yaml the engine covers into a <see cref="Layer"/>, so one text drives both sides.</summary>
internal static class KustomizationFragment
{
    public static Layer ToLayer(string fragment)
    {
        var layer = new Layer();
        var doc = YamlDocuments.Parse(fragment).FirstOrDefault() as JsonObject ?? new JsonObject();
        layer.Namespace = Str(doc["namespace"]);
        layer.NameSuffix = Str(doc["nameSuffix"]);
        foreach (var (key, value) in doc["commonAnnotations"] as JsonObject ?? [])
        {
            layer.CommonAnnotations[key] = Str(value) ?? string.Empty;
        }

        foreach (var entry in (doc["labels"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var (key, value) in entry["pairs"] as JsonObject ?? [])
            {
                layer.Labels[key] = Str(value) ?? string.Empty;
            }
        }

        foreach (var image in (doc["images"] as JsonArray ?? []).OfType<JsonObject>())
        {
            layer.Images.Add(new ImageOverride(Str(image["name"])!, Str(image["newName"]), Str(image["newTag"]), Str(image["digest"])));
        }

        foreach (var patch in (doc["patches"] as JsonArray ?? []).OfType<JsonObject>())
        {
            PatchTarget? target = null;
            if (patch["target"] is JsonObject t)
            {
                target = new PatchTarget(Str(t["group"]), Str(t["version"]), Str(t["kind"]), Str(t["name"]), Str(t["namespace"]),
                    Str(t["labelSelector"]), Str(t["annotationSelector"]));
            }

            layer.Patches.Add(new Patch(Str(patch["patch"]) ?? string.Empty, target));
        }

        return layer;
    }

    private static string? Str(JsonNode? node) => node is null ? null : node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString();
}
