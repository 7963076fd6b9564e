using System.Text.RegularExpressions;
using FluxOperator.Controllers.Distribution.Catalogue;
using FluxOperator.Controllers.Tests.TestSupport;
using FluxOperator.Controllers.Versioning;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Tests.Distribution.Catalogue;

/// <summary>Every release and image list of ../shared/flux-distribution, read in place.</summary>
public partial class DistributionCatalogueSharedDataTests
{
    private static readonly DistributionCatalogue Shared = DistributionCatalogue.Open(SharedData.DistributionRoot);

    private static string[] ShippedComponents(string version) =>
        FluxComponents.All.Where(c => c != FluxComponents.SourceWatcher || LenientVersion.Parse(version).Minor >= 7).ToArray();

    public static TheoryData<string> Releases() => new(SharedData.ReleaseFolders.Select(Path.GetFileName).OfType<string>());

    public static TheoryData<string, string> ImageLists()
    {
        var data = new TheoryData<string, string>();
        foreach (var directory in Directory.GetDirectories(Path.Combine(SharedData.DistributionRoot, "flux-images")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(directory), Path.GetFileNameWithoutExtension(file));
            }
        }

        return data;
    }

    [Fact]
    public void Every_release_folder_is_listed_newest_first()
    {
        var versions = Shared.Versions();

        Assert.Equal(SharedData.ReleaseFolders.Count, versions.Count);
        Assert.Equal("v2.9.4", versions[0].Name);
        Assert.Equal("v2.2.3", versions[^1].Name);
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Every_release_ships_its_component_manifests_policies_and_rbac(string version)
    {
        var files = Shared.Release(version)!;

        Assert.Equal(ShippedComponents(version).Order(StringComparer.Ordinal), files.Components.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(files.PoliciesPath);
        Assert.NotNull(files.RbacPath);
    }

    [Theory]
    [MemberData(nameof(ImageLists))]
    public void Every_image_list_entry_has_a_tag_and_a_sha256_digest(string version, string variant)
    {
        Assert.Contains(variant, DistributionVariants.All);
        Assert.True(ImageList.TryRead(Shared.ImageListPath(version, variant), out var entries, out var error), error);

        Assert.NotEmpty(entries);
        Assert.All(entries, e =>
        {
            Assert.True(FluxComponents.IsKnown(e.Component), e.Name);
            Assert.Matches(TagPattern(), e.NewTag);
            Assert.Matches(DigestPattern(), e.Digest);
        });
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Every_component_of_every_release_resolves_from_every_variant_list(string version)
    {
        var components = ShippedComponents(version);
        var variants = Shared.Variants(version);
        Assert.Contains(DistributionVariants.UpstreamAlpine, variants);

        foreach (var variant in variants)
        {
            Assert.True(Shared.TryResolveImages(version, "mirror.example.com/flux/", variant, components, out var images, out var error), error);

            Assert.True(images.FromImageList, images.FallbackReason);
            Assert.Equal(components.Order(StringComparer.Ordinal), images.Images.Select(i => i.Name).Order(StringComparer.Ordinal));
            Assert.All(images.Images, i =>
            {
                Assert.Equal($"mirror.example.com/flux/{i.Name}", i.Repository);
                Assert.Matches(DigestPattern(), i.Digest);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Fallback_takes_the_tag_of_each_manifest_image_without_digest(string version)
    {
        var components = ShippedComponents(version);

        Assert.True(Shared.TryResolveImages(version, "registry.example.com/mirror/fluxcd", null, components, out var images, out var error), error);

        Assert.Equal("unsupported registry. consider specifying the distribution variant for registry: registry.example.com/mirror/fluxcd", images.FallbackReason);
        Assert.Equal(components, images.Images.Select(i => i.Name));
        Assert.All(images.Images, i =>
        {
            // Independent reading: the one `image: fluxcd/<component>:<tag>` line of the manifest.
            var text = File.ReadAllText(Path.Combine(SharedData.DistributionRoot, "flux", version, i.Name + ".yaml"));
            var line = Assert.Single(Regex.Matches(text, $@"^\s+image: fluxcd/{Regex.Escape(i.Name)}:(\S+)$", RegexOptions.Multiline));
            Assert.Equal(line.Groups[1].Value, i.Tag);
            Assert.Equal($"registry.example.com/mirror/fluxcd/{i.Name}", i.Repository);
            Assert.False(i.HasDigest);
        });
    }

    [Fact]
    public void Fips_digests_exist_only_for_the_releases_that_ship_the_fips_list()
    {
        string[] expected = ["v2.5.1", "v2.6.4", "v2.7.5", "v2.8.0", "v2.8.1", "v2.8.2", "v2.8.3", "v2.8.5", "v2.8.6", "v2.8.7", "v2.8.8", "v2.9.0", "v2.9.1", "v2.9.2", "v2.9.3", "v2.9.4"];

        var withDigests = Shared.Versions()
            .Where(v => Shared.TryResolveImages(v.Name, "ghcr.io/controlplaneio-fluxcd/distroless-fips", null, FluxComponents.Default, out var images, out _) && images.FromImageList)
            .Select(v => v.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, withDigests);
    }

    [Fact]
    public void Flux_version_file_names_the_newest_release()
    {
        Assert.True(Shared.TryReadFluxVersion(out var version, out _));
        Assert.Equal("v2.9.4", version);
        Assert.Null(Shared.CheckFluxVersion());
    }

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^v[0-9]+\.[0-9]+\.[0-9]+$")]
    private static partial Regex TagPattern();
}
