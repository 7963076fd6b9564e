using FluxOperator.Controllers;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The committed install.yaml, bundle and catalog are exactly what the generators produce from config/.</summary>
public sealed class GeneratedFilesDriftTests
{
    private const string Regenerate =
        "regenerate from the repository root: flux-operator generate install && flux-operator generate bundle --version <v> && flux-operator generate catalog --bundle bundle/<v>";

    [Fact]
    public void Committed_install_manifest_is_what_generate_install_writes()
    {
        var committed = File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, InstallManifest.DefaultPath));
        Assert.True(InstallManifest.Render(PackagingPaths.ConfigRoot, OperatorInfo.Version) == committed, $"{InstallManifest.DefaultPath} is stale; {Regenerate}");
    }

    [Fact]
    public void Install_manifest_runs_the_operator_image_of_this_release_in_flux_system()
    {
        var objects = Controllers.Serialization.YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, InstallManifest.DefaultPath)));
        var deployment = objects.Single(o => ManifestSet.KindOf(o) == "Deployment");
        Assert.Equal($"{OlmPackage.OperatorImage}:v{OperatorInfo.Version}", deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("Namespace", ManifestSet.KindOf(objects[0]));
        Assert.All(objects.Where(o => ConfigTree.IsNamespaced(ManifestSet.KindOf(o))), o => Assert.Equal("flux-system", o["metadata"]!["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public void Committed_bundle_is_what_generate_bundle_writes()
    {
        var bundle = BundleUnderTest.Get("committed");
        var createdAt = DateTimeOffset.Parse(bundle.CsvAnnotations["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expected = BundleRenderer.Render(PackagingPaths.ConfigRoot, new BundleOptions(bundle.Spec["version"]!.GetValue<string>(), createdAt));

        var actual = Directory.GetFiles(bundle.Directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(bundle.Directory, f).Replace('\\', '/'), File.ReadAllText);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, file => Assert.True(file.Value == actual[file.Key], $"{file.Key} is stale; {Regenerate}"));
    }

    [Fact]
    public void Committed_catalog_template_renders_to_the_committed_catalog()
    {
        var documents = FileBasedCatalog.Load(PackagingPaths.CatalogRoot);
        var template = File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, FileBasedCatalog.DefaultTemplate));
        Assert.True(FileBasedCatalog.RenderTemplate(documents) == template, $"{FileBasedCatalog.DefaultTemplate} is stale; {Regenerate}");

        var entries = Controllers.Serialization.YamlDocuments.ParseObjects(template).Single()["entries"]!.AsArray().Select(e => e!.AsObject()).ToArray();
        Assert.Equal(documents.Select(d => d["schema"]!.GetValue<string>()), entries.Select(e => e["schema"]!.GetValue<string>()));
        Assert.All(entries.Zip(documents).Where(p => p.Second["schema"]!.GetValue<string>() == "olm.bundle"),
            p => Assert.Equal(p.Second["image"]!.GetValue<string>(), p.First["image"]!.GetValue<string>()));
    }

    [Fact]
    public void The_current_release_has_a_committed_bundle_and_every_committed_bundle_is_in_the_catalog()
    {
        Assert.True(Directory.Exists(PackagingPaths.CommittedBundle), $"bundle/{OperatorInfo.Version} is missing; {Regenerate}");
        var released = FileBasedCatalog.Load(PackagingPaths.CatalogRoot).Where(d => d["schema"]!.GetValue<string>() == "olm.bundle").Select(FileBasedCatalog.VersionOf);
        Assert.Equal(PackagingPaths.CommittedBundles.Select(Path.GetFileName).Order(StringComparer.Ordinal), released.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Committed_catalog_already_holds_the_committed_release()
    {
        var documents = FileBasedCatalog.Load(PackagingPaths.CatalogRoot);
        var bundle = PackagingPaths.CommittedBundle;
        var again = FileBasedCatalog.AddRelease(documents, bundle, $"{OlmPackage.BundleImage}@{BundleImage.Build(bundle).Digest}");
        var committed = File.ReadAllText(Path.Combine(PackagingPaths.CatalogRoot, FileBasedCatalog.PackageFile));
        Assert.True(committed == FileBasedCatalog.Render(again), $"the catalog is stale; {Regenerate}");
    }
}
