using System.Diagnostics;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary><c>completion</c>: the bash script, printed by the real executable, loads in bash and completes from the command tree.</summary>
public sealed class CompletionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("completion-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("flux-operator get r", "resourceset resourcesets rset rsip resourcesetinputproviders resources")]
    [InlineData("flux-operator -n apps reconcile res", "resourceset resourcesets resourcesetinputprovider resource resources")]
    [InlineData("flux-operator reconcile hr --f", "")]
    [InlineData("flux-operator reconcile resource hr/podinfo --f", "--force")]
    [InlineData("flux-operator create secret basic-auth x --password", "--password --password-stdin")]
    [InlineData("flux-operator tree k", "kustomization ks")]
    public async Task The_bash_script_loads_and_completes_subcommands_and_flags(string line, string expected)
    {
        var (code, script, error) = await OperatorCli.RunAsync(_dir, "completion", "bash");
        Assert.Equal((0, ""), (code, error));
        var file = Path.Combine(_dir, "flux-operator.bash");
        await File.WriteAllTextAsync(file, script);

        var completed = await BashAsync($"set -eu; source '{file}'; COMP_WORDS=({line}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _flux_operator; echo \"${{COMPREPLY[*]}}\"");

        Assert.Equal(expected, completed.Trim());
    }

    [Theory]
    [InlineData("zsh", "bashcompinit")]
    [InlineData("fish", "complete -c flux-operator")]
    [InlineData("powershell", "Register-ArgumentCompleter")]
    public async Task Other_shells_get_a_script_naming_every_command(string shell, string marker)
    {
        var (code, script, _) = await OperatorCli.RunAsync(_dir, "completion", shell);

        Assert.Equal(0, code);
        Assert.Contains(marker, script, StringComparison.Ordinal);
        foreach (var command in new[] { "get", "reconcile", "suspend", "resume", "delete", "wait", "trace", "tree", "diff", "create", "stats", "export" })
        {
            Assert.Contains($"flux-operator {command}", script, StringComparison.Ordinal);
        }
    }

    private static async Task<string> BashAsync(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        return await output;
    }
}
