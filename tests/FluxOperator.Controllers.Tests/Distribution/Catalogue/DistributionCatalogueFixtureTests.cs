using FluxOperator.Controllers.Distribution.Catalogue;

namespace FluxOperator.Controllers.Tests.Distribution.Catalogue;

/// <summary>Edge cases on small hand-written distribution folders.</summary>
public sealed class DistributionCatalogueFixtureTests : IDisposable
{
    private const string DigestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string DigestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly FixtureDistribution _dist = new();

    public void Dispose() => _dist.Dispose();

    private FixtureDistribution TwoComponentRelease(string version = "v2.3.0") => _dist.Release(
        version,
        ("source-controller", "fluxcd/source-controller:v1.3.0"),
        ("kustomize-controller", "fluxcd/kustomize-controller:v1.3.1"));

    private static readonly string[] Two = ["source-controller", "kustomize-controller"];

    [Fact]
    public void Missing_flux_folder_is_reported_with_the_store_path()
    {
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.False(catalogue.TrySelectVersion("2.x", null, out _, out var error));
        Assert.Equal($"storage path {_dist.Root}/flux does not exist", error);
        Assert.Empty(catalogue.Versions());
    }

    [Fact]
    public void Missing_embedded_store_is_reported_as_directory_not_found()
    {
        TwoComponentRelease();
        var embedded = Path.Combine(_dist.Root, "embedded");

        var catalogue = DistributionCatalogue.Open(_dist.Root, embedded);

        Assert.False(catalogue.TrySelectVersion("2.x", null, out _, out var error));
        Assert.Equal($"{embedded}/flux directory not found", error);
    }

    [Fact]
    public void Only_subdirectories_with_version_names_are_releases()
    {
        TwoComponentRelease("v2.3.0").Folder("flux/latest").Folder("flux/V2.9.2").Folder("flux/v2.4").File("flux/v2.9.9", "a file, not a release");

        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.Equal(["v2.4", "v2.3.0"], catalogue.Versions().Select(v => v.Name));
        Assert.True(catalogue.TrySelectVersion("*", null, out var selection, out _));
        Assert.Equal("v2.4", selection.Name);
        Assert.Equal(Path.Combine(_dist.Root, "flux", "v2.4"), selection.ReleaseDirectory);
    }

    [Fact]
    public void Image_list_gives_tags_and_digests_under_the_requested_registry_in_file_order()
    {
        TwoComponentRelease().ImageList("v2.3.0", "upstream-alpine",
            ("ghcr.io/fluxcd/kustomize-controller", "v1.3.1", DigestB),
            ("ghcr.io/fluxcd/helm-controller", "v1.0.0", DigestB),
            ("ghcr.io/fluxcd/source-controller", "v1.3.0", DigestA));
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "mirror.example/flux/", "upstream-alpine", Two, out var images, out _));

        Assert.True(images.FromImageList);
        Assert.Equal(
            [$"mirror.example/flux/kustomize-controller:v1.3.1@{DigestB}", $"mirror.example/flux/source-controller:v1.3.0@{DigestA}"],
            images.Images.Select(i => i.Reference));
    }

    [Fact]
    public void Missing_image_list_falls_back_to_manifest_tags_without_digests()
    {
        TwoComponentRelease();
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "ghcr.io/fluxcd", null, Two, out var images, out _));

        Assert.Equal($"read body: open {_dist.Root}/flux-images/v2.3.0/upstream-alpine.yaml: no such file or directory", images.FallbackReason);
        Assert.Equal("upstream-alpine", images.Variant);
        Assert.Equal(["ghcr.io/fluxcd/source-controller:v1.3.0", "ghcr.io/fluxcd/kustomize-controller:v1.3.1"], images.Images.Select(i => i.Reference));
        Assert.All(images.Images, i => Assert.False(i.HasDigest));
    }

    [Fact]
    public void Image_list_without_a_requested_component_falls_back_and_names_the_components()
    {
        TwoComponentRelease().ImageList("v2.3.0", "upstream-alpine", ("ghcr.io/fluxcd/source-controller", "v1.3.0", DigestA));
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "fluxcd", null, Two, out var images, out _));

        Assert.Equal("missing images for components: [source-controller kustomize-controller]", images.FallbackReason);
        Assert.Equal(["fluxcd/source-controller:v1.3.0", "fluxcd/kustomize-controller:v1.3.1"], images.Images.Select(i => i.Reference));
    }

    [Fact]
    public void Duplicate_component_cannot_be_served_from_the_list_and_falls_back()
    {
        TwoComponentRelease().ImageList("v2.3.0", "upstream-alpine", ("ghcr.io/fluxcd/source-controller", "v1.3.0", DigestA));
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "fluxcd", null, ["source-controller", "source-controller"], out var images, out _));

        Assert.Equal("missing images for components: [source-controller source-controller]", images.FallbackReason);
        Assert.Equal(2, images.Images.Count);
    }

    [Theory]
    [InlineData("registry.example.com/mirror", null, "unsupported registry. consider specifying the distribution variant for registry: registry.example.com/mirror")]
    [InlineData("registry.example.com/mirror/", null, "unsupported registry. consider specifying the distribution variant for registry: registry.example.com/mirror")]
    [InlineData("ghcr.io/fluxcd", "custom", "unsupported variant: custom")]
    public void Unknown_registry_or_variant_falls_back(string registry, string? variant, string reason)
    {
        TwoComponentRelease().ImageList("v2.3.0", "upstream-alpine", ("ghcr.io/fluxcd/source-controller", "v1.3.0", DigestA));
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", registry, variant, ["source-controller"], out var images, out _));

        Assert.Equal(reason, images.FallbackReason);
        Assert.Equal("registry.example.com/mirror/source-controller:v1.3.0".Replace("registry.example.com/mirror", registry.TrimEnd('/'), StringComparison.Ordinal), images.Images.Single().Reference);
    }

    [Fact]
    public void Malformed_image_list_falls_back()
    {
        TwoComponentRelease().File("flux-images/v2.3.0/upstream-alpine.yaml", "images: [ {name: x\n");
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "ghcr.io/fluxcd", null, ["source-controller"], out var images, out _));

        Assert.StartsWith($"parse {_dist.Root}/flux-images/v2.3.0/upstream-alpine.yaml", images.FallbackReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallback_without_the_component_manifest_fails_the_build()
    {
        TwoComponentRelease();
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.False(catalogue.TryResolveImages("v2.3.0", "ghcr.io/fluxcd", null, ["helm-controller"], out _, out var error));

        Assert.Equal($"failed to extract container images from manifests: open {_dist.Root}/flux/v2.3.0/helm-controller.yaml: no such file or directory", error);
    }

    [Theory]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\nspec:\n  template:\n    spec: {}\n", "containers not found in source-controller")]
    [InlineData("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: source-controller\n", "no Deployment found in {0}")]
    [InlineData("kind: Deployment\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      containers:\n      - name: manager\n        image: fluxcd/source-controller:bad tag\n", "could not parse reference: fluxcd/source-controller:bad tag")]
    public void Unusable_manifest_fails_the_fallback_with_its_cause(string manifest, string cause)
    {
        _dist.File("flux/v2.3.0/source-controller.yaml", manifest);
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.False(catalogue.TryResolveImages("v2.3.0", "ghcr.io/fluxcd", null, ["source-controller"], out _, out var error));

        var path = _dist.PathOf("flux/v2.3.0/source-controller.yaml");
        Assert.Equal("failed to extract container images from manifests: " + cause.Replace("{0}", path, StringComparison.Ordinal), error);
    }

    [Theory]
    [InlineData("fluxcd/source-controller", "latest")]
    [InlineData("fluxcd/source-controller:v1.3.0", "v1.3.0")]
    [InlineData("localhost:5000/fluxcd/source-controller", "latest")]
    [InlineData("localhost:5000/fluxcd/source-controller:v1.3.0@sha256:abc", "v1.3.0")]
    public void Manifest_image_tag_follows_the_last_slash(string image, string tag)
    {
        _dist.File("flux/v2.3.0/source-controller.yaml", FixtureDistribution.Manifest("source-controller", image));
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.True(catalogue.TryResolveImages("v2.3.0", "r.example", "upstream-alpine", ["source-controller"], out var images, out _));

        Assert.Equal(tag, images.Images.Single().Tag);
    }

    [Fact]
    public void Artifact_serves_new_patches_of_embedded_minors_only()
    {
        // Embedded v2.3.0; the artifact has v2.3.1 (with its own image list) and v2.9.0.
        using var embedded = new FixtureDistribution();
        embedded.Release("v2.3.0", ("source-controller", "fluxcd/source-controller:v1.3.0"));
        _dist.Release("v2.3.1", ("source-controller", "fluxcd/source-controller:v1.3.0"))
            .Release("v2.9.0", ("source-controller", "fluxcd/source-controller:v1.9.0"))
            .ImageList("v2.3.1", "upstream-alpine", ("ghcr.io/fluxcd/source-controller", "v1.3.0", DigestA));
        var catalogue = DistributionCatalogue.Open(_dist.Root, embedded.Root);

        Assert.True(catalogue.TryResolve(new DistributionRequest("2.x", "ghcr.io/fluxcd", Components: ["source-controller"]), out var resolved, out _));
        Assert.Equal("v2.3.1", resolved.Version.Name);
        Assert.EndsWith("@" + DigestA, resolved.Images.Images.Single().Reference, StringComparison.Ordinal);

        Assert.False(catalogue.TryResolve(new DistributionRequest("2.9.x", "ghcr.io/fluxcd"), out _, out var error));
        Assert.Equal($"no match found for semver: 2.9.x in {_dist.Root}/flux matching embedded minor versions in {embedded.Root}/flux", error);
    }

    [Fact]
    public void Release_files_list_what_the_folder_ships()
    {
        TwoComponentRelease().File("flux/v2.3.0/flagger.yaml", "kind: Deployment\n");
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        var files = catalogue.Release("v2.3.0")!;

        Assert.Equal(["kustomize-controller", "source-controller"], files.Components.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(_dist.PathOf("flux/v2.3.0/policies.yaml"), files.PoliciesPath);
        Assert.Equal(_dist.PathOf("flux/v2.3.0/rbac.yaml"), files.RbacPath);
        Assert.Null(catalogue.Release("v9.9.9"));
        Assert.Null(catalogue.Release("../v2.3.0"));
    }

    [Theory]
    [InlineData(null, "failed to read Flux version info from {0}/flux-images/VERSION: ")]
    [InlineData("v2.1.9\n", "version compatibility check failed: constraint 'v2.1.9' >= '2.2.0' not satisfied")]
    [InlineData("main\n", "version compatibility check failed: constraint 'main' >= '2.2.0' not satisfied")]
    [InlineData("v2.2.0\n", null)]
    public void Flux_version_file_must_name_a_supported_release(string? content, string? expected)
    {
        if (content is not null)
        {
            _dist.File("flux-images/VERSION", content);
        }

        var error = DistributionCatalogue.Open(_dist.Root).CheckFluxVersion();

        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(expected.Replace("{0}", _dist.Root, StringComparison.Ordinal), error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Components_are_checked_before_images()
    {
        TwoComponentRelease("v2.6.0");
        var catalogue = DistributionCatalogue.Open(_dist.Root);

        Assert.False(catalogue.TryResolve(new DistributionRequest("2.6.x", "ghcr.io/fluxcd", Components: ["source-controller", "flagger"]), out _, out var unknown));
        Assert.False(catalogue.TryResolve(new DistributionRequest("2.6.x", "ghcr.io/fluxcd", Components: ["source-controller", "source-watcher"]), out _, out var watcher));

        Assert.Equal("invalid component: flagger", unknown);
        Assert.Equal("source-watcher is only supported in Flux versions >= 2.7.0", watcher);
    }
}
