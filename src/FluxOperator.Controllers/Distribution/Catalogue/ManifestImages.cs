using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>The fallback source of images: the tag of the image in a component's own manifest (no digest).</summary>
public static partial class ManifestImages
{
    /// <summary>The image tag of the Deployment in <paramref name="manifestPath"/>; false with the cause otherwise.</summary>
    /// <remarks>The `manager` container is used (the first one when none has that name).</remarks>
    public static bool TryReadTag(string manifestPath, [NotNullWhen(true)] out string? tag, [NotNullWhen(false)] out string? error)
    {
        tag = null;
        if (!File.Exists(manifestPath))
        {
            error = $"open {manifestPath}: no such file or directory";
            return false;
        }

        JsonObject? deployment;
        try
        {
            deployment = FindDeployment(File.ReadAllText(manifestPath));
        }
        catch (YamlException e)
        {
            error = $"parse {manifestPath}: {e.Message}";
            return false;
        }

        if (deployment is null)
        {
            error = $"no Deployment found in {manifestPath}";
            return false;
        }

        var name = deployment["metadata"]?["name"]?.ToString() ?? string.Empty;
        if (deployment["spec"]?["template"]?["spec"]?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            error = $"containers not found in {name}";
            return false;
        }

        var container = containers.OfType<JsonObject>().FirstOrDefault(c => c["name"]?.ToString() == "manager")
            ?? containers.OfType<JsonObject>().FirstOrDefault();
        var image = container?["image"]?.ToString();
        if (string.IsNullOrEmpty(image))
        {
            error = $"no container image in {name}";
            return false;
        }

        return ImageReference.TryParseTag(image, out tag, out error);
    }

    // Component manifests are mostly CRDs; only the Deployment documents need a full parse.
    private static JsonObject? FindDeployment(string yaml)
    {
        JsonObject? found = null;
        foreach (var document in DocumentSeparator().Split(yaml))
        {
            if (!DeploymentKind().IsMatch(document))
            {
                continue;
            }

            foreach (var node in YamlDocuments.Parse(document))
            {
                if (node is JsonObject obj && obj["kind"]?.ToString() == "Deployment")
                {
                    found = obj;
                }
            }
        }

        return found;
    }

    [GeneratedRegex(@"^---[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DocumentSeparator();

    [GeneratedRegex(@"^kind:[ \t]*[""']?Deployment[""']?[ \t]*\r?$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DeploymentKind();
}
