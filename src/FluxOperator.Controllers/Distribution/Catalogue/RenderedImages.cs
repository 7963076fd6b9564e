using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>`status.components`: the images the rendered Deployments actually run (so a user patch that changes an image shows).</summary>
public static class RenderedImages
{
    /// <summary>For each component in order, the `manager` image of the Deployment named exactly after it (never a shard copy).</summary>
    /// <param name="objects">The rendered objects.</param>
    /// <param name="components">The components, in spec order.</param>
    /// <param name="images">One entry per component that has a Deployment; a component without one is skipped (the API would refuse an empty entry).</param>
    /// <param name="error">`extract component images failed: …` or `containers not found in &lt;component&gt;`.</param>
    public static bool TryExtract(IEnumerable<JsonObject> objects, IReadOnlyList<string> components, [NotNullWhen(true)] out IReadOnlyList<ResolvedImage>? images, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(components);
        var deployments = objects
            .Where(o => o["kind"]?.ToString() == "Deployment" && o["metadata"]?["name"] is not null)
            .GroupBy(o => o["metadata"]!["name"]!.ToString(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var result = new List<ResolvedImage>(components.Count);
        foreach (var component in components)
        {
            if (!deployments.TryGetValue(component, out var deployment))
            {
                continue;
            }

            if (deployment["spec"]?["template"]?["spec"]?["containers"] is not JsonArray containers)
            {
                images = null;
                error = $"containers not found in {component}";
                return false;
            }

            var image = containers.OfType<JsonObject>().FirstOrDefault(c => c["name"]?.ToString() == "manager")?["image"]?.ToString();
            if (image is null)
            {
                continue;
            }

            if (!ImageReference.TryParse(image, out var reference, out var cause))
            {
                images = null;
                error = $"extract component images failed: {cause}";
                return false;
            }

            result.Add(new ResolvedImage(component, reference.Repository, reference.Tag, reference.Digest));
        }

        images = result;
        error = null;
        return true;
    }
}
