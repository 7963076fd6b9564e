using System.Diagnostics;
using System.Text;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Distribution;

/// <summary>The real <c>flux-operator distro push|pull</c> executable against a TLS registry with basic auth.</summary>
public sealed class DistroCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("oci-cli-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Keep the user's own docker credentials out of the test.
        start.Environment["DOCKER_CONFIG"] = Path.Combine(Path.GetTempPath(), "no-docker-config-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Push_then_pull_through_tls_and_basic_auth_prints_digest_and_versions_and_reproduces_the_files()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true, auth: RegistryAuth.Basic);
        var url = $"oci://{registry.Host}/flux-manifests:latest";
        var dockerConfig = Path.Combine(_work, "config.json");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RegistryServer.Username}:{RegistryServer.Password}"));
        await File.WriteAllTextAsync(dockerConfig, $"{{\"auths\":{{\"https://{registry.Host}\":{{\"auth\":\"{auth}\"}}}}}}");
        var output = Path.Combine(_work, "out");

        var push = await RunAsync("distro", "push", SharedDistribution.Root, url, "--ca-file", registry.Certificates!.CaFile, "--username", RegistryServer.Username, "--password", RegistryServer.Password, "--created", "2025-01-01T00:00:00Z");
        var pull = await RunAsync("distro", "pull", url, "--output", output, "--ca-file", registry.Certificates.CaFile, "--docker-config", dockerConfig);

        Assert.True(push.Exit == 0, push.Stderr);
        Assert.True(pull.Exit == 0, pull.Stderr);
        var digest = push.Stdout.Split('\n')[0];
        Assert.Matches("^digest: sha256:[0-9a-f]{64}$", digest);
        Assert.Equal(digest, pull.Stdout.Split('\n')[0]);
        var versions = Directory.GetDirectories(Path.Combine(SharedDistribution.Root, "flux")).Select(Path.GetFileName).ToArray();
        Assert.All(versions, v => Assert.Contains($"- {v}\n", pull.Stdout, StringComparison.Ordinal));
        Assert.Contains("MiB", pull.Stderr, StringComparison.Ordinal);
        Trees.AssertIdentical(SharedDistribution.Root, output);
    }

    [Fact]
    public async Task Pull_with_wrong_password_exits_non_zero_naming_the_registry_and_401()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true, auth: RegistryAuth.Basic);

        var pull = await RunAsync("distro", "pull", $"oci://{registry.Host}/flux-manifests:latest", "--output", Path.Combine(_work, "out"), "--ca-file", registry.Certificates!.CaFile, "-u", RegistryServer.Username, "-p", "wrong");

        Assert.Equal(1, pull.Exit);
        Assert.StartsWith($"error: pulling artifact oci://{registry.Host}/flux-manifests:latest failed: GET manifest {registry.Host}/flux-manifests:latest: 401 Unauthorized", pull.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_work, "out")));
    }

    [Fact]
    public async Task Push_of_a_folder_without_flux_versions_is_refused()
    {
        var push = await RunAsync("distro", "push", _work, "oci://127.0.0.1:1/x:latest", "--plain-http");

        Assert.Equal(1, push.Exit);
        Assert.Contains("not a distribution", push.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Username_without_password_is_a_usage_error()
    {
        var pull = await RunAsync("distro", "pull", "oci://127.0.0.1:1/x", "--output", _work, "--username", "u");

        Assert.NotEqual(0, pull.Exit);
        Assert.Contains("--username and --password go together", pull.Stderr, StringComparison.Ordinal);
    }
}
