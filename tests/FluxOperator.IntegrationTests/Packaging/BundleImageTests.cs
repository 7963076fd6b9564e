using System.Formats.Tar;
using System.Text.Json.Nodes;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The reproducible bundle image the catalog pins.</summary>
public sealed class BundleImageTests
{
    [Fact]
    public void Same_bundle_files_give_the_same_digest_wherever_they_are()
    {
        var root = CatalogUnderTest.TemporaryFolder("flux-operator-image");
        var copy = Path.Combine(root, "copy");
        foreach (var file in Directory.GetFiles(PackagingPaths.CommittedBundle, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(PackagingPaths.CommittedBundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddDays(-3));
        }

        Assert.Equal(BundleImage.Build(PackagingPaths.CommittedBundle).Digest, BundleImage.Build(copy).Digest);

        File.AppendAllText(Path.Combine(copy, "metadata", "annotations.yaml"), "# changed\n");
        Assert.NotEqual(BundleImage.Build(PackagingPaths.CommittedBundle).Digest, BundleImage.Build(copy).Digest);
    }

    [Fact]
    public void Image_layer_holds_the_three_bundle_folders_and_nothing_else()
    {
        var image = BundleImage.Build(PackagingPaths.CommittedBundle);
        using var reader = new TarReader(new MemoryStream(image.Layer));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
            Assert.Equal(0, entry.Uid);
            Assert.Equal(DateTimeOffset.UnixEpoch, entry.ModificationTime);
        }

        Assert.Contains("manifests/" + Path.GetFileName(BundleRenderer.CsvFile), names);
        Assert.Contains("metadata/annotations.yaml", names);
        Assert.Contains("tests/scorecard/config.yaml", names);
        Assert.All(names, n => Assert.Matches("^(manifests|metadata|tests)/", n));
        Assert.DoesNotContain("bundle.Dockerfile", names);
    }

    [Fact]
    public void Image_config_labels_are_the_bundle_annotations()
    {
        var image = BundleImage.Build(PackagingPaths.CommittedBundle);
        var labels = JsonNode.Parse(image.Config)!["config"]!["Labels"]!.AsObject();
        var annotations = BundleUnderTest.Get("committed").Annotations;
        Assert.True(JsonNode.DeepEquals(annotations, labels));
    }

    [Fact]
    public void Image_layout_index_points_at_the_manifest_whose_digest_the_catalog_uses()
    {
        var layout = CatalogUnderTest.TemporaryFolder("flux-operator-layout");
        var image = BundleImage.Build(PackagingPaths.CommittedBundle);
        image.WriteLayout(layout, "v0.1.0");

        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        Assert.Equal(image.Digest, index["manifests"]![0]!["digest"]!.GetValue<string>());
        var manifest = File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", image.Digest["sha256:".Length..]));
        Assert.Equal(image.Digest, BundleImage.DigestOf(manifest));
        foreach (var descriptor in JsonNode.Parse(manifest)!["layers"]!.AsArray().Append(JsonNode.Parse(manifest)!["config"]))
        {
            var blob = File.ReadAllBytes(Path.Combine(layout, "blobs", "sha256", descriptor!["digest"]!.GetValue<string>()["sha256:".Length..]));
            Assert.Equal(descriptor["size"]!.GetValue<long>(), blob.Length);
            Assert.Equal(descriptor["digest"]!.GetValue<string>(), BundleImage.DigestOf(blob));
        }
    }
}
