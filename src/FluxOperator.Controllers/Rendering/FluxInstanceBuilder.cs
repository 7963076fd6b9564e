using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Versioning;

namespace FluxOperator.Controllers.Rendering;

/// <summary>The build step of a reconcile: FluxInstance + distribution folder → <see cref="BuildOutcome"/> (§5.2, §5.9).</summary>
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
        var distFlux = Path.Combine(Path.GetFullPath(sources.DistributionRoot), "flux");
        var embeddedFlux = Path.Combine(Path.GetFullPath(sources.EmbeddedRoot ?? sources.DistributionRoot), "flux");
        if (!Directory.Exists(distFlux))
        {
            throw new RenderException($"storage path {distFlux} does not exist");
        }

        var version = Resolve(instance.Spec.Distribution.Version, distFlux, embeddedFlux);
        if (DowngradeGuard.Check(sources.LastAppliedRevision, version) is { } downgrade)
        {
            throw new RenderException(downgrade);
        }

        var latest = Resolve("2.x", distFlux, embeddedFlux);
        var parameters = InstanceParameters.From(instance, version);
        if (BuildChecks.FirstError(parameters, ParseGates(version)) is { } error)
        {
            throw new RenderException(error);
        }

        var release = ReleaseManifests.Load(Path.Combine(distFlux, version));
        var notices = new List<string>();
        var images = ComponentImageResolution.Resolve(
            Path.GetDirectoryName(distFlux)!, version, parameters.Registry, instance.Spec.Distribution.Variant, parameters.Components, release, notices);
        var result = FluxInstanceRenderer.Render(parameters with { Images = images }, release);
        return new BuildOutcome(result, latest, notices);
    }

    private static string Resolve(string constraint, string distFlux, string embeddedFlux)
    {
        // The embedded store is read first, as in the reference, so its absence is the error reported.
        var embedded = DirectoryNames(embeddedFlux);
        var resolution = VersionResolver.Resolve(constraint, DirectoryNames(distFlux), embedded, distFlux, embeddedFlux);
        return resolution.Selected?.Name ?? throw new RenderException(resolution.Error ?? $"no match found for semver: {constraint}");
    }

    private static string[] DirectoryNames(string directory) =>
        Directory.Exists(directory)
            ? Directory.GetDirectories(directory).Select(Path.GetFileName).OfType<string>().ToArray()
            : throw new RenderException($"{directory} directory not found");

    private static ReleaseGates ParseGates(string version)
    {
        try
        {
            return ReleaseGates.FromVersion(version);
        }
        catch (FormatException e)
        {
            throw new RenderException($"failed to parse Flux version '{version}': {e.Message}", e);
        }
    }
}
