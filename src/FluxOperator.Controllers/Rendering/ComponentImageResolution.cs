using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The component images to pin (§4.1–§4.3): the variant's image list, or the manifests' tags without digests.</summary>
/// <remarks>INTERIM ADAPTER: §4 belongs to <c>Distribution/Catalogue</c> (branch <c>catalog</c>); this minimal copy keeps the
/// renderer testable until the catalogue lands and is to be replaced by a call into it.</remarks>
internal static class ComponentImageResolution
{
    private static readonly string[] Variants = ["upstream-alpine", "enterprise-alpine", "enterprise-distroless", "enterprise-distroless-fips"];

    public static IReadOnlyList<ComponentImage> Resolve(
        string distributionRoot, string version, string registry, string? variant, IReadOnlyList<string> components, ReleaseManifests release, ICollection<string> notices)
    {
        var failure = FromImageList(distributionRoot, version, registry, variant, components, out var images);
        if (failure is null)
        {
            return images;
        }

        notices.Add($"{failure}; falling back to extracting images from manifests");
        return FromManifests(registry, components, release);
    }

    private static string? FromImageList(
        string distributionRoot, string version, string registry, string? variant, IReadOnlyList<string> components, out IReadOnlyList<ComponentImage> images)
    {
        images = [];
        variant = string.IsNullOrEmpty(variant) ? InferVariant(registry) : variant;
        if (variant is null)
        {
            return $"unsupported registry. consider specifying the distribution variant for registry: {registry}";
        }

        if (!Variants.Contains(variant))
        {
            return $"unsupported variant: {variant}";
        }

        var file = Path.Combine(distributionRoot, "flux-images", version, variant + ".yaml");
        if (!File.Exists(file))
        {
            return $"read body: open {file}: no such file or directory";
        }

        var list = YamlDocuments.Parse(File.ReadAllText(file)).FirstOrDefault()?["images"] as JsonArray ?? [];
        var result = new List<ComponentImage>();
        foreach (var entry in list.OfType<JsonObject>())
        {
            var name = entry["name"]?.GetValue<string>() ?? string.Empty;
            var component = name[(name.LastIndexOf('/') + 1)..];
            if (components.Contains(component))
            {
                result.Add(new ComponentImage
                {
                    Name = component,
                    Repository = $"{registry}/{component}",
                    Tag = entry["newTag"]?.GetValue<string>() ?? string.Empty,
                    Digest = entry["digest"]?.GetValue<string>(),
                });
            }
        }

        if (result.Count != components.Count)
        {
            return $"missing images for components: [{string.Join(' ', components.Where(c => result.All(i => i.Name != c)))}]";
        }

        images = result;
        return null;
    }

    private static IReadOnlyList<ComponentImage> FromManifests(string registry, IReadOnlyList<string> components, ReleaseManifests release)
    {
        var result = new List<ComponentImage>();
        foreach (var component in components)
        {
            var deployment = release.Objects(component).FirstOrDefault(o => o["kind"]?.GetValue<string>() == "Deployment");
            var image = deployment?["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>()
                ?? throw new RenderException($"failed to extract container images from manifests: no container image found in {component}");
            result.Add(new ComponentImage { Name = component, Repository = $"{registry}/{component}", Tag = StatusComponents.Parse(component, image).Tag });
        }

        return result;
    }

    private static string? InferVariant(string registry) => registry switch
    {
        "fluxcd" or "ghcr.io/fluxcd" => "upstream-alpine",
        "ghcr.io/controlplaneio-fluxcd/alpine" => "enterprise-alpine",
        "ghcr.io/controlplaneio-fluxcd/distroless" or "709825985650.dkr.ecr.us-east-1.amazonaws.com/controlplane/fluxcd" => "enterprise-distroless",
        "ghcr.io/controlplaneio-fluxcd/distroless-fips" => "enterprise-distroless-fips",
        _ => null,
    };
}
