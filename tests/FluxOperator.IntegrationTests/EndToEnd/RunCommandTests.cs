using FluxOperator.IntegrationTests.Commands;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Configuration enters once and is validated at the door.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task Invalid_flags_and_environment_are_all_reported_before_anything_starts()
    {
        var (exit, _, error) = await OperatorCli.RunAsync(OperatorCli.RepositoryRoot, "run",
            "--interval-jitter-percentage=100", "--log-level=loud", "--min-retry-delay=soon", "--metrics-addr=nowhere");

        Assert.Equal(1, exit);
        Assert.Contains("unable to set global jitter", error, StringComparison.Ordinal);
        Assert.Contains("--log-level=loud", error, StringComparison.Ordinal);
        Assert.Contains("--min-retry-delay=soon", error, StringComparison.Ordinal);
        Assert.Contains("--metrics-addr=nowhere", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_cluster_configuration_fails_startup_with_exit_code_1()
    {
        var home = Directory.CreateTempSubdirectory("flux-operator-home-").FullName;
        try
        {
            var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
            foreach (var arg in new[] { "run", "--health-addr=127.0.0.1:0", "--metrics-addr=127.0.0.1:0", "--enable-leader-election=false" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment.Remove("KUBECONFIG");
            start.Environment.Remove("KUBERNETES_SERVICE_HOST");
            start.Environment["HOME"] = home;
            using var process = System.Diagnostics.Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("no Kubernetes configuration", await error + await output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }
}
