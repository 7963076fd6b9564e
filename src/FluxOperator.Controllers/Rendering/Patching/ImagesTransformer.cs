using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>kustomize's <c>images</c> transformer: rewrites <c>image</c> of every element of any <c>containers</c>/<c>initContainers</c> list.</summary>
internal static class ImagesTransformer
{
    /// <summary>Applies the overrides in order; one walk over each object serves them all.</summary>
    public static void Apply(List<Resource> resources, IReadOnlyList<ImageOverride> images)
    {
        if (images.Count == 0)
        {
            return;
        }

        var rules = images.Select(image => (image, Pattern(image))).ToArray();
        foreach (var resource in resources)
        {
            Visit(resource.Manifest, rules);
        }
    }

    private static Regex Pattern(ImageOverride image)
    {
        try
        {
            // kustomize does not quote the name (it is a regex); an optional tag, then an optional digest may follow.
            return new Regex("^(?:" + image.Name + @")(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new KustomizeError($"invalid image name {image.Name}: {e.Message}", e);
        }
    }

    private static void Visit(JsonNode? node, (ImageOverride Image, Regex Pattern)[] rules)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key is "containers" or "initContainers" && value is JsonArray containers)
                    {
                        foreach (var container in containers.OfType<JsonObject>())
                        {
                            // Each override is its own pass in kustomize: a later one sees an earlier one's result.
                            foreach (var (image, pattern) in rules)
                            {
                                Rewrite(container, image, pattern);
                            }
                        }
                    }

                    Visit(value, rules);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Visit(item, rules);
                }

                break;
        }
    }

    private static void Rewrite(JsonObject container, ImageOverride image, Regex pattern)
    {
        var value = Nodes.StringAt(container, "image");
        if (value.Length == 0 || !pattern.IsMatch(value))
        {
            return;
        }

        var (name, tag, digest) = ImageReference.SplitAsKustomize(value);
        if (!string.IsNullOrEmpty(image.NewName))
        {
            name = image.NewName;
        }

        // Overriding tag or digest replaces both the original tag and digest.
        if (!string.IsNullOrEmpty(image.NewTag) && !string.IsNullOrEmpty(image.Digest))
        {
            (tag, digest) = (image.NewTag, image.Digest);
        }
        else if (!string.IsNullOrEmpty(image.NewTag))
        {
            (tag, digest) = (image.NewTag, string.Empty);
        }
        else if (!string.IsNullOrEmpty(image.Digest))
        {
            (tag, digest) = (string.Empty, image.Digest);
        }

        container["image"] = name + (tag.Length > 0 ? ":" + tag : string.Empty) + (digest.Length > 0 ? "@" + digest : string.Empty);
    }
}
