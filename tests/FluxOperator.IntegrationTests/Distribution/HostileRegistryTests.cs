using System.Diagnostics;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>The real <c>distro pull</c> against registries that misbehave: each ends in one classified line, exit 1.</summary>
public sealed class HostileRegistryTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oci-hostile-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<(int Exit, string Stderr)> PullAsync(string host, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
        foreach (var argument in (string[])["distro", "pull", $"oci://{host}/flux-manifests:latest", "--output", Path.Combine(_work, "out"), "--plain-http", .. extra])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOCKER_CONFIG"] = Path.Combine(_work, "no-docker-config");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, await stderr);
    }

    private static void AssertOneClassifiedLine(string stderr, string expected)
    {
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length == 1, stderr);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_loop_ends_in_too_many_redirects()
    {
        using var peer = new HostilePeer(HostileBehaviour.RedirectLoop);

        var (exit, stderr) = await PullAsync(peer.Host);

        Assert.Equal(1, exit);
        AssertOneClassifiedLine(stderr, "too many redirects (10)");
    }

    [Fact]
    public async Task An_endless_token_body_is_cut_off_at_one_mebibyte()
    {
        using var peer = new HostilePeer(HostileBehaviour.EndlessTokenBody);

        var (exit, stderr) = await PullAsync(peer.Host);

        Assert.Equal(1, exit);
        AssertOneClassifiedLine(stderr, "token response exceeds 1 MiB");
        Assert.InRange(peer.BytesSent, 1 << 20, 32L << 20);
    }

    [Fact]
    public async Task A_manifest_that_trickles_forever_ends_at_the_transfer_budget()
    {
        using var peer = new HostilePeer(HostileBehaviour.TricklingManifest);

        var (exit, stderr) = await PullAsync(peer.Host, "--timeout", "2s");

        Assert.Equal(1, exit);
        AssertOneClassifiedLine(stderr, "pull did not finish within 2s");
        Assert.True(peer.BytesSent > 0);
    }

    [Fact]
    public async Task A_manifest_that_is_not_json_is_named_as_such()
    {
        using var peer = new HostilePeer(HostileBehaviour.InvalidJsonManifest);

        var (exit, stderr) = await PullAsync(peer.Host);

        Assert.Equal(1, exit);
        AssertOneClassifiedLine(stderr, "manifest is not valid JSON");
    }
}
