using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Packaging;

/// <summary>Renders the single-file installation (<c>kubectl apply -f install.yaml</c>) from <c>config/default</c>.</summary>
public static class InstallManifest
{
    /// <summary>Where the committed installation lives, relative to the repository root.</summary>
    public const string DefaultPath = "dist/install.yaml";

    /// <summary>Builds <c>config/default</c> under <paramref name="configRoot"/> and pins the operator image to the release.</summary>
    public static string Render(string configRoot, string version)
    {
        var objects = ConfigTree.Build(Path.Combine(configRoot, "default"));
        foreach (var deployment in objects.Where(o => ManifestSet.KindOf(o) == "Deployment"))
        {
            PinOperatorImage(deployment, OlmPackage.OperatorImageTag(version));
        }

        var text = new StringBuilder();
        text.Append("# Flux Operator v").Append(version).Append(" installation.\n");
        text.Append("# Generated from config/default by `flux-operator generate install`; do not edit.\n");
        text.Append(YamlDocuments.WriteAll(objects));
        return text.ToString();
    }

    /// <summary>Points every container running the operator image at <paramref name="image"/>.</summary>
    public static void PinOperatorImage(JsonObject deployment, string image)
    {
        var containers = deployment["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? [];
        foreach (var container in containers.OfType<JsonObject>())
        {
            var current = container["image"]?.GetValue<string>() ?? string.Empty;
            if (current == OlmPackage.OperatorImage || current.StartsWith(OlmPackage.OperatorImage + ":", StringComparison.Ordinal)
                || current.StartsWith(OlmPackage.OperatorImage + "@", StringComparison.Ordinal))
            {
                container["image"] = image;
            }
        }
    }
}
