using System.Diagnostics;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>`flux-operator distro versions` run as a process against ../shared/flux-distribution.</summary>
public class DistroVersionsCommandTests
{
    private static readonly string Distribution = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "flux-distribution"));

    [Fact]
    public async Task Lists_every_release_newest_first()
    {
        var (code, output, _) = await RunAsync("distro", "versions", "--distribution", Distribution);

        Assert.Equal(0, code);
        var expected = Directory.GetDirectories(Path.Combine(Distribution, "flux")).Length;
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, lines.Length);
        Assert.Equal(["v2.9.4", "v2.9.3"], lines[..2]);
        Assert.Equal("v2.2.3", lines[^1]);
    }

    [Theory]
    [InlineData("2.7.x", "v2.7.5")]
    [InlineData(">=2.4 <2.6", "v2.5.1")]
    public async Task Prints_the_version_a_constraint_selects(string constraint, string expected)
    {
        var (code, output, _) = await RunAsync("distro", "versions", "-d", Distribution, "--constraint", constraint);

        Assert.Equal(0, code);
        Assert.Equal(expected, output.Trim());
    }

    [Fact]
    public async Task Constraint_matching_nothing_exits_1_and_lists_what_exists()
    {
        var (code, output, error) = await RunAsync("distro", "versions", "-d", Distribution, "-c", "2.8.4");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: no match found for semver: 2.8.4 in {Distribution}/flux", error, StringComparison.Ordinal);
        Assert.Contains("(available: v2.9.4, v2.9.3,", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folder_without_releases_exits_2()
    {
        var empty = Directory.CreateTempSubdirectory("distro-versions-").FullName;
        try
        {
            var (code, _, error) = await RunAsync("distro", "versions", "-d", empty);

            Assert.Equal(2, code);
            Assert.Equal($"error: storage path {empty}/flux does not exist", error.Trim());
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
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
