using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Catalogue;

namespace FluxOperator.Controllers.Rendering;

/// <summary>Derives <c>status.components</c> from the rendered main Deployments in the status type.</summary>
/// <remarks>Read from the output rather than from the image list, so a user patch that changes an image shows in status.
/// The parsing is the catalogue's (<see cref="RenderedImages"/>); this maps it to the API type and the build's error.</remarks>
public static class StatusComponents
{
    /// <summary>One entry per component, in <paramref name="components"/> order; components without a Deployment are skipped.</summary>
    /// <exception cref="RenderException">A Deployment has no containers or an image with a malformed digest.</exception>
    public static IReadOnlyList<ComponentImage> Extract(IReadOnlyList<JsonObject> objects, IReadOnlyList<string> components)
    {
        if (!RenderedImages.TryExtract(objects, components, out var images, out var error))
        {
            throw new RenderException(error);
        }

        return images.Select(i => new ComponentImage
        {
            Name = i.Name,
            Repository = i.Repository,
            Tag = i.Tag,
            Digest = i.HasDigest ? i.Digest : null,
        }).ToArray();
    }
}
