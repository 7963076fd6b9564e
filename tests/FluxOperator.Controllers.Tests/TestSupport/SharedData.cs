namespace FluxOperator.Controllers.Tests.TestSupport;

/// <summary>Locates the shared, read-only test data (`../shared` beside the repository).</summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding FluxOperator.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>`../shared/flux-distribution`, read in place, never copied.</summary>
    public static string DistributionRoot { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "flux-distribution"));

    /// <summary>Every release folder under `flux/`, by name (e.g. v2.7.0).</summary>
    public static IReadOnlyList<string> ReleaseFolders =>
        Directory.GetDirectories(Path.Combine(DistributionRoot, "flux")).Order(StringComparer.Ordinal).ToArray();

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
