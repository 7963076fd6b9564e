namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>Where the committed packaging files and the shared test data are.</summary>
public static class PackagingPaths
{
    /// <summary>The repository root (the folder holding FluxOperator.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The kustomize tree.</summary>
    public static string ConfigRoot => Path.Combine(RepositoryRoot, "config");

    /// <summary>The committed bundle of the current release (<c>bundle/&lt;OperatorInfo.Version&gt;</c>).</summary>
    public static string CommittedBundle => Path.Combine(RepositoryRoot, "bundle", Controllers.OperatorInfo.Version);

    /// <summary>Every committed bundle: the current release and the earlier ones kept as published.</summary>
    public static IReadOnlyList<string> CommittedBundles => [.. Directory.GetDirectories(Path.Combine(RepositoryRoot, "bundle")).Order(StringComparer.Ordinal)];

    /// <summary>The committed catalog root.</summary>
    public static string CatalogRoot => Path.Combine(RepositoryRoot, "olm", "catalog");

    /// <summary><c>../shared/flux-distribution</c>, read in place (a storage directory: <c>flux/</c>, <c>flux-images/</c>).</summary>
    public static string SharedDistribution { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "flux-distribution"));

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("FluxOperator.sln not found above the test binaries");
    }
}
