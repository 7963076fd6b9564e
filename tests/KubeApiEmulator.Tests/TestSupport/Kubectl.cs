using System.Diagnostics;

namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Runs the real kubectl on PATH against an emulator through its kubeconfig.</summary>
public static class Kubectl
{
    /// <summary>Runs kubectl with the arguments (and optional standard input); answers exit code and outputs.</summary>
    public static async Task<(int Code, string Out, string Err)> Run(KubeApiServer server, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(server.KubeconfigPath);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        // kubectl caches discovery under $HOME/.kube/cache, keyed by host:port; a fresh home per run means a reused
        // port never serves another server's stale discovery.
        var home = Directory.CreateTempSubdirectory("kubectl-home-").FullName;
        start.Environment["HOME"] = home;
        try
        {
            return await Execute(start, stdin);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    private static async Task<(int Code, string Out, string Err)> Execute(ProcessStartInfo start, string? stdin)
    {
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts success; answers standard output.</summary>
    public static async Task<string> Ok(KubeApiServer server, string? stdin, params string[] args)
    {
        var (code, output, error) = await Run(server, stdin, args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} failed ({code}): {error}");
        return output;
    }
}
