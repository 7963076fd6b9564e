namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Locates the shared, read-only Flux releases (<c>../shared</c> beside the repository), read in place.</summary>
public static class SharedData
{
    /// <summary>The repository root (the folder holding FluxOperator.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Every release folder under <c>flux/</c>, by name.</summary>
    public static IReadOnlyList<string> ReleaseFolders =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot, "..", "shared", "flux-distribution", "flux")).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The newest patch release of every minor line (e.g. v2.4.0, v2.5.1, ...), for theories.</summary>
    public static TheoryData<string> NewestPatchOfEachMinor()
    {
        var data = new TheoryData<string>();
        var names = ReleaseFolders.Select(Path.GetFileName).OfType<string>();
        foreach (var line in names.GroupBy(n => string.Join('.', n.Split('.').Take(2)), StringComparer.Ordinal))
        {
            data.Add(line.OrderBy(n => int.Parse(n.Split('.')[2], System.Globalization.CultureInfo.InvariantCulture)).Last());
        }

        return data;
    }

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
