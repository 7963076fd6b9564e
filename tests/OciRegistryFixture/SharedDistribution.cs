namespace OciRegistryFixture;

/// <summary>Locates <c>../shared/flux-distribution</c> beside the repository (read in place, never copied).</summary>
public static class SharedDistribution
{
    /// <summary>The distribution root.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FluxOperator.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new InvalidOperationException("FluxOperator.sln not found above the test binaries")
            : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "flux-distribution"));
    }
}
