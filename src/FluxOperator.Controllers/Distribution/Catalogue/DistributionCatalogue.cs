using System.Diagnostics.CodeAnalysis;
using FluxOperator.Controllers.Versioning;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>
/// A distribution folder (the embedded `/data` or an extracted artifact, same layout): its releases, manifests and image
/// lists, and the resolution of a FluxInstance's version, registry and variant against it.
/// </summary>
/// <remarks>
/// Reads the file system but keeps no state, so one instance may serve concurrent reconciles. The embedded store
/// decides which minor lines are allowed (an artifact may add patch releases, never a new minor).
/// Resolution order follows the build's checks: the flux folder, the version, the downgrade guard,
/// the latest stable release, the components, then the images. Callers with checks of their own in between (the
/// renderer) use <see cref="TrySelectVersion"/> and <see cref="TryResolveImages"/> separately.
/// </remarks>
public sealed class DistributionCatalogue
{
    /// <summary>The constraint the `OutdatedVersion` notice compares against.</summary>
    public const string LatestStableConstraint = "2.x";

    private static readonly VersionConstraint LatestStable = VersionConstraint.Parse(LatestStableConstraint);

    private DistributionCatalogue(string root, string embeddedRoot)
    {
        Root = root;
        EmbeddedRoot = embeddedRoot;
    }

    /// <summary>The distribution folder, absolute.</summary>
    public string Root { get; }

    /// <summary>The embedded store whose minors are allowed (equal to <see cref="Root"/> without an artifact), absolute.</summary>
    public string EmbeddedRoot { get; }

    /// <summary>`&lt;dist&gt;/flux`.</summary>
    public string FluxDirectory => Path.Combine(Root, "flux");

    /// <summary>`&lt;storage&gt;/flux`.</summary>
    public string EmbeddedFluxDirectory => Path.Combine(EmbeddedRoot, "flux");

    /// <summary>`&lt;dist&gt;/flux-images`.</summary>
    public string ImagesDirectory => Path.Combine(Root, "flux-images");

    /// <summary>`&lt;dist&gt;/flux-images/VERSION`.</summary>
    public string VersionFile => Path.Combine(ImagesDirectory, "VERSION");

    /// <summary>True when `&lt;dist&gt;/flux` exists.</summary>
    public bool HasReleases => Directory.Exists(FluxDirectory);

    /// <summary>Opens <paramref name="root"/>; <paramref name="embeddedRoot"/> is the embedded store when <paramref name="root"/> is an artifact.</summary>
    public static DistributionCatalogue Open(string root, string? embeddedRoot = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var embedded = string.IsNullOrEmpty(embeddedRoot) ? full : Path.TrimEndingDirectorySeparator(Path.GetFullPath(embeddedRoot));
        return new DistributionCatalogue(full, embedded);
    }

    /// <summary>The release folders whose names are versions, newest first; empty when `flux/` is missing.</summary>
    public IReadOnlyList<VersionCandidate> Versions() => VersionResolver.Candidates(SubdirectoryNames(FluxDirectory));

    /// <summary>The `major.minor` lines the embedded store has a release of; only these can be selected.</summary>
    public IReadOnlySet<string> AllowedMinors() => VersionResolver.AllowedMinors(SubdirectoryNames(EmbeddedFluxDirectory));

    /// <summary>The files of release <paramref name="versionName"/>, or null when there is no such folder.</summary>
    public ReleaseFiles? Release(string versionName)
    {
        var directory = Path.Combine(FluxDirectory, versionName);
        return IsPlainName(versionName) && Directory.Exists(directory) ? ReleaseFiles.Read(directory) : null;
    }

    /// <summary>The variants with an image list for <paramref name="versionName"/>, ordinally sorted.</summary>
    public IReadOnlyList<string> Variants(string versionName)
    {
        var directory = Path.Combine(ImagesDirectory, versionName);
        return !IsPlainName(versionName) || !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*.yaml")
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToArray();
    }

    /// <summary>`&lt;dist&gt;/flux-images/&lt;version&gt;/&lt;variant&gt;.yaml` (which may not exist).</summary>
    public string ImageListPath(string versionName, string variant) => Path.Combine(ImagesDirectory, versionName, variant + ".yaml");

    /// <summary>The trimmed content of `flux-images/VERSION` (the newest release), with the runtime preflight's messages.</summary>
    public bool TryReadFluxVersion([NotNullWhen(true)] out string? version, [NotNullWhen(false)] out string? error)
    {
        version = null;
        try
        {
            version = File.ReadAllText(VersionFile).Trim();
            error = null;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"failed to read Flux version info from {VersionFile}: {e.Message}";
            return false;
        }
    }

    /// <summary>The embedded-store preflight: null when `VERSION` reads as a semver ≥ 2.2.0.</summary>
    public string? CheckFluxVersion()
    {
        if (!TryReadFluxVersion(out var version, out var error))
        {
            return error;
        }

        return VersionConstraint.Parse(">= 2.2.0").IsSatisfiedBy(version)
            ? null
            : $"version compatibility check failed: constraint '{version}' >= '2.2.0' not satisfied";
    }

    /// <summary>Resolves the constraint to a release (the first build checks: flux folder, version, downgrade guard, outdated notice).</summary>
    /// <param name="constraint">`spec.distribution.version`.</param>
    /// <param name="lastAppliedRevision">`status.lastAppliedRevision`; empty skips the downgrade guard.</param>
    /// <param name="selection">The release and the latest stable one.</param>
    /// <param name="error">The Go operator's message (without the `build failed: ` prefix).</param>
    public bool TrySelectVersion(string constraint, string? lastAppliedRevision, [NotNullWhen(true)] out VersionSelection? selection, [NotNullWhen(false)] out string? error)
    {
        selection = null;
        if (!HasReleases)
        {
            error = $"storage path {FluxDirectory} does not exist";
            return false;
        }

        if (!Directory.Exists(EmbeddedFluxDirectory))
        {
            error = $"{EmbeddedFluxDirectory} directory not found";
            return false;
        }

        var names = SubdirectoryNames(FluxDirectory);
        var embedded = SubdirectoryNames(EmbeddedFluxDirectory);
        var resolution = VersionResolver.Resolve(constraint, names, embedded, FluxDirectory, EmbeddedFluxDirectory);
        if (!resolution.Succeeded)
        {
            error = resolution.Error!;
            return false;
        }

        error = DowngradeGuard.Check(lastAppliedRevision, resolution.Selected!.Name);
        if (error is not null)
        {
            return false;
        }

        var latest = VersionResolver.Resolve(LatestStableConstraint, names, embedded, FluxDirectory, EmbeddedFluxDirectory);
        if (!latest.Succeeded)
        {
            error = latest.Error!;
            return false;
        }

        selection = new VersionSelection(resolution.Selected, latest.Selected!, Path.Combine(FluxDirectory, resolution.Selected.Name));
        return true;
    }

    /// <summary>Lists what a constraint would choose from, for people: the resolution with every available release.</summary>
    public VersionResolution ExplainVersion(string constraint) =>
        VersionResolver.Resolve(constraint, SubdirectoryNames(FluxDirectory), SubdirectoryNames(EmbeddedFluxDirectory), FluxDirectory, EmbeddedFluxDirectory);

    /// <summary>The component images for a release (docs/rendering.md#images): the variant's image list, else the manifests' tags.</summary>
    /// <param name="versionName">The selected version directory name.</param>
    /// <param name="registry">`spec.distribution.registry` (a trailing `/` is ignored).</param>
    /// <param name="variant">`spec.distribution.variant`, or empty to infer it.</param>
    /// <param name="components">The components, defaults applied, in spec order.</param>
    /// <param name="images">The images, with <see cref="ImageSelection.FallbackReason"/> set when the list was not usable.</param>
    /// <param name="error">`failed to extract container images from manifests: …` when the fallback fails too.</param>
    public bool TryResolveImages(string versionName, string registry, string? variant, IReadOnlyList<string> components, [NotNullWhen(true)] out ImageSelection? images, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(components);
        var repositoryPrefix = DistributionVariants.TrimRegistry(registry);
        DistributionVariants.TryChoose(registry, variant, out var chosen, out var reason);
        if (chosen is not null && TryFromImageList(versionName, chosen, repositoryPrefix, components, out var listed, out reason))
        {
            images = new ImageSelection(listed, chosen, null);
            error = null;
            return true;
        }

        var fromManifests = new List<ResolvedImage>(components.Count);
        foreach (var component in components)
        {
            var manifest = Path.Combine(FluxDirectory, versionName, component + ".yaml");
            string? tag = null, cause;
            if (!IsPlainName(versionName) || !IsPlainName(component))
            {
                cause = $"invalid path {manifest}";
            }
            else
            {
                ManifestImages.TryReadTag(manifest, out tag, out cause);
            }

            if (tag is null)
            {
                images = null;
                error = $"failed to extract container images from manifests: {cause}";
                return false;
            }

            fromManifests.Add(new ResolvedImage(component, $"{repositoryPrefix}/{component}", tag, string.Empty));
        }

        images = new ImageSelection(fromManifests, chosen, reason);
        error = null;
        return true;
    }

    /// <summary>Resolves a whole request: version (with downgrade guard), components, images.</summary>
    public bool TryResolve(DistributionRequest request, [NotNullWhen(true)] out ResolvedDistribution? resolved, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        resolved = null;
        if (!TrySelectVersion(request.Version, request.LastAppliedRevision, out var version, out error))
        {
            return false;
        }

        var components = FluxComponents.OrDefault(request.Components);
        error = FluxComponents.Check(components, version.Name);
        if (error is not null)
        {
            return false;
        }

        if (!TryResolveImages(version.Name, request.Registry, request.Variant, components, out var images, out error))
        {
            return false;
        }

        resolved = new ResolvedDistribution(version, ReleaseFiles.Read(version.ReleaseDirectory), components, images);
        return true;
    }

    private bool TryFromImageList(string versionName, string variant, string repositoryPrefix, IReadOnlyList<string> components, [NotNullWhen(true)] out IReadOnlyList<ResolvedImage>? images, out string? reason)
    {
        images = null;
        if (!IsPlainName(versionName))
        {
            reason = $"invalid version directory name: {versionName}";
            return false;
        }

        if (!ImageList.TryRead(ImageListPath(versionName, variant), out var entries, out reason))
        {
            return false;
        }

        // File order is kept; the list's own repository is never used, so a mirror keeps the upstream tags and digests.
        var selected = entries
            .Where(e => components.Contains(e.Component, StringComparer.Ordinal))
            .Select(e => new ResolvedImage(e.Component, $"{repositoryPrefix}/{e.Component}", e.NewTag, e.Digest))
            .ToArray();
        if (selected.Length != components.Count)
        {
            reason = $"missing images for components: [{string.Join(' ', components)}]";
            return false;
        }

        images = selected;
        return true;
    }

    private static IReadOnlyList<string> SubdirectoryNames(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Select(Path.GetFileName).OfType<string>().ToArray()
            : [];

    // Names joined under the root must stay one path segment (a crafted constraint never reaches here, but components can).
    private static bool IsPlainName(string name) =>
        name.Length > 0 && name != "." && name != ".." && name.IndexOfAny(['/', '\\', '\0']) < 0;
}
