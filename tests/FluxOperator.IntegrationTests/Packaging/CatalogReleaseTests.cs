using System.Text.Json.Nodes;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>Adding releases to the catalog: ordering, idempotence, kept skips, and what is refused.</summary>
public sealed class CatalogReleaseTests
{
    private static readonly string Root = CatalogUnderTest.TemporaryFolder("flux-operator-release");

    [Fact]
    public void Releases_added_out_of_order_form_an_ascending_chain()
    {
        var stable = FileBasedCatalog.Load(CatalogUnderTest.Root("grown")).Single(d => d["schema"]!.GetValue<string>() == "olm.channel");
        var names = CatalogGraph.Entries(stable).Select(e => e["name"]!.GetValue<string>()).ToArray();
        Assert.Equal(CatalogUnderTest.GrownReleases.Order().Select(OlmPackage.CsvName), names);
    }

    [Fact]
    public void Adding_a_release_again_changes_nothing()
    {
        var documents = FileBasedCatalog.Load(CatalogUnderTest.Root("grown"));
        var bundle = CatalogUnderTest.Bundles("grown")["0.2.0"];
        var again = FileBasedCatalog.AddRelease(documents, bundle, $"{OlmPackage.BundleImage}@{BundleImage.Build(bundle).Digest}");
        Assert.Equal(FileBasedCatalog.Render(documents), FileBasedCatalog.Render(again));
    }

    [Fact]
    public void Skips_written_for_a_withdrawn_release_survive_the_next_release()
    {
        var documents = FileBasedCatalog.Load(CatalogUnderTest.Root("grown")).Select(d => (JsonObject)d.DeepClone()).ToList();
        var stable = documents.Single(d => d["schema"]!.GetValue<string>() == "olm.channel");
        stable["entries"]!.AsArray().Select(e => e!.AsObject()).Single(e => e["name"]!.GetValue<string>() == OlmPackage.CsvName("0.3.0"))["skips"] =
            new JsonArray(OlmPackage.CsvName("0.2.0"));

        var bundle = CatalogUnderTest.RenderBundle(Root, "0.4.0");
        var grown = FileBasedCatalog.AddRelease(documents, bundle, $"{OlmPackage.BundleImage}@{BundleImage.Build(bundle).Digest}");
        var entries = CatalogGraph.Entries(grown.Single(d => d["schema"]!.GetValue<string>() == "olm.channel"));
        Assert.Equal(OlmPackage.CsvName("0.2.0"), entries.Single(e => e["name"]!.GetValue<string>() == OlmPackage.CsvName("0.3.0"))["skips"]![0]!.GetValue<string>());
        Assert.Equal(OlmPackage.CsvName("0.3.0"), entries[^1]["replaces"]!.GetValue<string>());
        Assert.Equal("<0.4.0", entries[^1]["skipRange"]!.GetValue<string>());
    }

    [Fact]
    public void A_bundle_image_by_tag_is_refused()
    {
        var bundle = CatalogUnderTest.Bundles("grown")["0.1.0"];
        var error = Assert.Throws<ArgumentException>(() => FileBasedCatalog.AddRelease([], bundle, OlmPackage.BundleImage + ":v0.1.0"));
        Assert.Contains("pinned by digest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pre_release_is_kept_out_of_the_stable_channel()
    {
        var bundle = CatalogUnderTest.RenderBundle(Root, "0.5.0-rc.1");
        var error = Assert.Throws<ArgumentException>(() => FileBasedCatalog.AddRelease([], bundle, $"{OlmPackage.BundleImage}@{BundleImage.Build(bundle).Digest}"));
        Assert.Contains("pre-release", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v0.1.0")]
    [InlineData("0.1")]
    [InlineData("0.1.0+build.1")]
    [InlineData("0.0.0")]
    public void Bundle_versions_olm_cannot_take_are_refused(string version)
    {
        var error = Assert.Throws<ArgumentException>(() => BundleRenderer.Render(PackagingPaths.ConfigRoot, new BundleOptions(version, DateTimeOffset.UnixEpoch)));
        Assert.Contains(version, error.Message, StringComparison.Ordinal);
    }
}
