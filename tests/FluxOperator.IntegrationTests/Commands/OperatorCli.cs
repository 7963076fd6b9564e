using System.Diagnostics;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>Runs the real <c>flux-operator</c> executable (copied beside the tests) and captures its output.</summary>
public static class OperatorCli
{
    /// <summary>The repository root (the folder holding FluxOperator.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Runs <c>flux-operator args…</c> in <paramref name="workingDirectory"/> and waits (at most two minutes).</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] args) =>
        RunWithInputAsync(workingDirectory, input: null, args);

    /// <summary>Like <see cref="RunAsync"/>, writing <paramref name="input"/> to standard input first.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string workingDirectory, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "flux-operator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start flux-operator");
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
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
