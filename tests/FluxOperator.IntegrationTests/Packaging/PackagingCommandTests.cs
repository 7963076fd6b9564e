using FluxOperator.IntegrationTests.Commands;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The real <c>flux-operator generate install|bundle|catalog</c> commands, run from the repository root.</summary>
public sealed class PackagingCommandTests
{
    [Fact]
    public async Task Generate_install_to_standard_output_prints_the_committed_install_manifest()
    {
        var (exitCode, output, error) = await OperatorCli.RunAsync(PackagingPaths.RepositoryRoot, "generate", "install", "--output", "-");
        Assert.True(exitCode == 0, error);
        Assert.Equal(File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, InstallManifest.DefaultPath)), output);
    }

    [Fact]
    public async Task Generate_bundle_and_catalog_reproduce_the_committed_files_and_keep_created_at()
    {
        var root = CatalogUnderTest.TemporaryFolder("flux-operator-cli");
        var version = Path.GetFileName(PackagingPaths.CommittedBundle);
        var bundles = Path.Combine(root, "bundle");

        // A first run with the committed timestamp, then one without: createdAt must not move.
        var createdAt = BundleRenderer.ReadCreatedAt(PackagingPaths.CommittedBundle)!.Value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var args in new[] { new[] { "--created-at", createdAt }, Array.Empty<string>() })
        {
            var (exitCode, _, error) = await OperatorCli.RunAsync(PackagingPaths.RepositoryRoot,
                ["generate", "bundle", "--version", version, "--output", bundles, .. args]);
            Assert.True(exitCode == 0, error);
        }

        foreach (var file in Directory.GetFiles(PackagingPaths.CommittedBundle, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(PackagingPaths.CommittedBundle, file);
            Assert.Equal(File.ReadAllText(file), File.ReadAllText(Path.Combine(bundles, version, relative)));
        }

        var catalog = Path.Combine(root, "catalog");
        var (code, _, stderr) = await OperatorCli.RunAsync(PackagingPaths.RepositoryRoot,
            "generate", "catalog", "--bundle", Path.Combine(bundles, version), "--catalog", catalog, "--template", Path.Combine(root, "basic.yaml"));
        Assert.True(code == 0, stderr);
        Assert.Equal(
            File.ReadAllText(Path.Combine(PackagingPaths.CatalogRoot, FileBasedCatalog.PackageFile)),
            File.ReadAllText(Path.Combine(catalog, FileBasedCatalog.PackageFile)));
        Assert.Equal(
            File.ReadAllText(Path.Combine(PackagingPaths.RepositoryRoot, FileBasedCatalog.DefaultTemplate)),
            File.ReadAllText(Path.Combine(root, "basic.yaml")));
    }

    [Fact]
    public async Task Generate_bundle_refuses_a_version_with_a_leading_v()
    {
        var root = CatalogUnderTest.TemporaryFolder("flux-operator-cli");
        var (exitCode, _, error) = await OperatorCli.RunAsync(PackagingPaths.RepositoryRoot, "generate", "bundle", "--version", "v1.0.0", "--output", root);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("strict semver", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(root));
    }
}
