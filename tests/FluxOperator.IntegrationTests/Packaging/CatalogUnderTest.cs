using System.Text.Json.Nodes;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>The catalogs the FBC checklist runs on: the committed one, and one grown release by release in a temporary folder.</summary>
public static class CatalogUnderTest
{
    /// <summary>The releases of the grown catalog, in the order they are added (not sorted, on purpose).</summary>
    public static readonly string[] GrownReleases = ["0.2.0", "0.1.0", "0.3.0"];

    private static readonly Lazy<(string Root, Dictionary<string, string> Bundles)> Grown = new(Grow);

    /// <summary>Theory data: the catalog names.</summary>
    public static TheoryData<string> Catalogs => new() { "committed", "grown" };

    /// <summary>The catalog root of a name.</summary>
    public static string Root(string name) => name switch
    {
        "committed" => PackagingPaths.CatalogRoot,
        "grown" => Grown.Value.Root,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The bundle directories behind a catalog, by version.</summary>
    public static IReadOnlyDictionary<string, string> Bundles(string name) => name switch
    {
        "committed" => PackagingPaths.CommittedBundles.ToDictionary(d => Path.GetFileName(d), d => d),
        "grown" => Grown.Value.Bundles,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>Renders a bundle of the repository's config for a version into a fresh folder under <paramref name="root"/>.</summary>
    public static string RenderBundle(string root, string version, string? operatorDigest = null)
    {
        var directory = Path.Combine(root, "bundle", version);
        var options = new BundleOptions(version, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), operatorDigest);
        BundleRenderer.Write(BundleRenderer.Render(PackagingPaths.ConfigRoot, options), directory);
        return directory;
    }

    /// <summary>A fresh temporary folder removed when the test process ends.</summary>
    public static string TemporaryFolder(string prefix)
    {
        var root = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        return root;
    }

    private static (string, Dictionary<string, string>) Grow()
    {
        var root = TemporaryFolder("flux-operator-catalog");
        var catalog = Path.Combine(root, "catalog");
        var bundles = new Dictionary<string, string>();
        IReadOnlyList<JsonObject> documents = [];
        foreach (var version in GrownReleases)
        {
            var bundle = RenderBundle(root, version, BundleUnderTest.TestOperatorDigest);
            bundles[version] = bundle;
            documents = FileBasedCatalog.AddRelease(documents, bundle, $"{OlmPackage.BundleImage}@{BundleImage.Build(bundle).Digest}");
        }

        FileBasedCatalog.Save(catalog, documents);
        return (catalog, bundles);
    }
}
