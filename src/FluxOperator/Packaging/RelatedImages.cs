using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using NuGet.Versioning;

namespace FluxOperator.Packaging;

/// <summary>The images a disconnected installation must mirror, pinned by digest (CSV <c>spec.relatedImages</c>).</summary>
public static class RelatedImages
{
    /// <summary>The distribution variant whose images the bundle lists (the default the operator renders).</summary>
    public const string Variant = "upstream-alpine";

    /// <summary>The operator image (when pinned) and the newest Flux controller images of the distribution.</summary>
    /// <returns>Items <c>{name, image}</c>, operator first, then controllers by name; empty when nothing is pinned.</returns>
    public static JsonArray Build(BundleOptions options)
    {
        var items = new JsonArray();
        if (options.OperatorImageDigest is { Length: > 0 })
        {
            items.Add(Item(OlmPackage.Name, options.OperatorImage));
        }

        if (options.DistributionPath is { Length: > 0 } storage)
        {
            foreach (var (name, image) in ControllerImages(storage).OrderBy(i => i.Name, StringComparer.Ordinal))
            {
                items.Add(Item(name, image));
            }
        }

        return items;
    }

    /// <summary>The controller images (<c>name@digest</c>) of the newest distribution version in a storage directory.</summary>
    public static IReadOnlyList<(string Name, string Image)> ControllerImages(string storagePath)
    {
        var imagesRoot = Path.Combine(storagePath, "flux-images");
        var newest = Directory.GetDirectories(imagesRoot)
            .Select(d => (Dir: d, Ok: NuGetVersion.TryParse(Path.GetFileName(d).TrimStart('v'), out var v), Version: v))
            .Where(d => d.Ok && !d.Version!.IsPrerelease && File.Exists(Path.Combine(d.Dir, Variant + ".yaml")))
            .MaxBy(d => d.Version)
            .Dir ?? throw new InvalidDataException($"{imagesRoot}: no distribution version with a {Variant} image list");

        var list = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(newest, Variant + ".yaml"))).Single();
        return [.. list["images"]!.AsArray().OfType<JsonObject>().Select(i =>
        {
            var repository = i["name"]!.GetValue<string>();
            var digest = i["digest"]?.GetValue<string>()
                ?? throw new InvalidDataException($"{newest}: image {repository} has no digest");
            return (repository[(repository.LastIndexOf('/') + 1)..], $"{repository}@{digest}");
        })];
    }

    private static JsonObject Item(string name, string image) => new() { ["name"] = name, ["image"] = image };
}
