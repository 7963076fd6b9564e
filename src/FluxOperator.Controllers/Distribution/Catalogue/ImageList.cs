using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>Reads an image list file (`images: [{name, newTag, digest}]`).</summary>
public static class ImageList
{
    /// <summary>The entries in file order; false with a message when the file is missing or malformed.</summary>
    public static bool TryRead(string path, [NotNullWhen(true)] out IReadOnlyList<ImageListEntry>? entries, [NotNullWhen(false)] out string? error)
    {
        entries = null;
        if (!File.Exists(path))
        {
            // The reference's wording (Go's os.ReadFile error inside "read body").
            error = $"read body: open {path}: no such file or directory";
            return false;
        }

        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlDocuments.Parse(File.ReadAllText(path));
        }
        catch (YamlException e)
        {
            error = $"parse {path}: {e.Message}";
            return false;
        }

        if (documents.Count == 0 || documents[0] is not JsonObject root || root["images"] is not JsonArray images)
        {
            error = $"parse {path}: no images list";
            return false;
        }

        var result = new List<ImageListEntry>(images.Count);
        foreach (var item in images)
        {
            if (item is not JsonObject image || Text(image, "name") is not { Length: > 0 } name)
            {
                error = $"parse {path}: every image needs a name";
                return false;
            }

            result.Add(new ImageListEntry(name, Text(image, "newTag") ?? string.Empty, Text(image, "digest") ?? string.Empty));
        }

        entries = result;
        error = null;
        return true;
    }

    private static string? Text(JsonObject obj, string key) =>
        obj[key] is JsonValue value ? value.ToString() : null;
}
