using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Catalogue;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The build step of a reconcile: FluxInstance + distribution folder → <see cref="BuildOutcome"/>.</summary>
/// <remarks>Reads the distribution folder (version directories, image lists, manifests) and otherwise stays pure;
/// the first failing check ends the build with the spec's message and nothing partial is returned.</remarks>
public static class FluxInstanceBuilder
{
    /// <summary>Runs the checks in the reference's order, resolves version and images, and renders.</summary>
    /// <exception cref="RenderException">The build failed; the message is the part after <c>build failed: </c>.</exception>
    public static BuildOutcome Build(FluxInstance instance, BuildSources sources)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(sources);
        var catalogue = DistributionCatalogue.Open(sources.DistributionRoot, sources.EmbeddedRoot);
        if (!catalogue.TrySelectVersion(instance.Spec.Distribution.Version, sources.LastAppliedRevision, out var selection, out var versionError))
        {
            throw new RenderException(versionError);
        }

        var parameters = InstanceParameters.From(instance, selection.Name);
        var gates = BuildChecks.Run(parameters);

        if (!catalogue.TryResolveImages(selection.Name, parameters.Registry, instance.Spec.Distribution.Variant, parameters.Components, out var images, out var imageError))
        {
            throw new RenderException(imageError);
        }

        var notices = images.FallbackReason is { } reason ? new[] { $"{reason}; falling back to extracting images from manifests" } : [];
        var release = sources.LoadRelease(selection.ReleaseDirectory);
        var result = FluxInstanceRenderer.Render(parameters with { Images = images.Images }, release, gates);
        return new BuildOutcome(result, selection.LatestStable.Name, notices);
    }
}
