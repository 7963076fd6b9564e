namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>Compares folder trees file by file, byte for byte.</summary>
internal static class Trees
{
    public static string[] Files(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToArray();

    public static void AssertIdentical(string expected, string actual)
    {
        var expectedFiles = Files(expected);
        Assert.NotEmpty(expectedFiles);
        Assert.Equal(expectedFiles, Files(actual));
        foreach (var file in expectedFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }
    }

    /// <summary>A small distribution-shaped folder written by the test (for the scenarios that need content to change).</summary>
    public static string Small(string parent, string version, string marker = "")
    {
        var root = Path.Combine(parent, $"dist-{version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(root, "flux", version));
        Directory.CreateDirectory(Path.Combine(root, "flux-images", version));
        File.WriteAllText(Path.Combine(root, "flux", version, "source-controller.yaml"), $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: source-controller\n# {marker}\n");
        File.WriteAllText(Path.Combine(root, "flux-images", version, "upstream-alpine.yaml"), "images: []\n");
        File.WriteAllText(Path.Combine(root, "flux-images", "VERSION"), version + "\n");
        return root;
    }
}
