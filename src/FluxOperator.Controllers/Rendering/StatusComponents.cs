using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Derives <c>status.components</c> from the rendered main Deployments (§4.5).</summary>
/// <remarks>Read from the output rather than from the image list, so a user patch that changes an image shows in status.</remarks>
public static partial class StatusComponents
{
    /// <summary>One entry per component, in <paramref name="components"/> order; components without a Deployment are skipped.</summary>
    /// <exception cref="RenderException">A Deployment has no containers or an image with a malformed digest.</exception>
    public static IReadOnlyList<ComponentImage> Extract(IReadOnlyList<JsonObject> objects, IEnumerable<string> components)
    {
        var result = new List<ComponentImage>();
        foreach (var component in components)
        {
            var deployment = objects.FirstOrDefault(o => Str(o["kind"]) == "Deployment" && Str(o["metadata"]?["name"]) == component);
            if (deployment is null)
            {
                // The reference writes an empty entry the API server then rejects; skipping keeps status writable.
                continue;
            }

            if (deployment["spec"]?["template"]?["spec"]?["containers"] is not JsonArray containers)
            {
                throw new RenderException($"containers not found in {component}");
            }

            var manager = containers.OfType<JsonObject>().FirstOrDefault(c => Str(c["name"]) == "manager");
            if (manager is null || Str(manager["image"]) is not { Length: > 0 } image)
            {
                continue;
            }

            result.Add(Parse(component, image));
        }

        return result;
    }

    /// <summary>Splits an image reference into normalised repository, tag and digest.</summary>
    /// <exception cref="RenderException">The digest is not <c>sha256:</c> + 64 hex characters.</exception>
    public static ComponentImage Parse(string component, string image)
    {
        var digest = string.Empty;
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var name = image;
        if (at >= 0)
        {
            digest = image[(at + 1)..];
            name = image[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw new RenderException($"extract component images failed: invalid digest {digest} in image {image}");
            }
        }

        var tag = "latest";
        var colon = name.LastIndexOf(':');
        if (colon > name.LastIndexOf('/'))
        {
            tag = name[(colon + 1)..];
            name = name[..colon];
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? string.Empty : name[..slash];
        string repository;
        if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
        {
            var host = first == "docker.io" ? "index.docker.io" : first;
            var path = name[(slash + 1)..];
            repository = host == "index.docker.io" && !path.Contains('/', StringComparison.Ordinal) ? $"{host}/library/{path}" : $"{host}/{path}";
        }
        else
        {
            repository = slash < 0 ? $"index.docker.io/library/{name}" : $"index.docker.io/{name}";
        }

        return new ComponentImage { Name = component, Repository = repository, Tag = tag, Digest = digest.Length == 0 ? null : digest };
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
