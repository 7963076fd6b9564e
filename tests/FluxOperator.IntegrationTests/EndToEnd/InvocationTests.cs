using FluxOperator.IntegrationTests.Commands;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Manifests written for the Go operator pass flags without a subcommand; they must start ours unchanged.</summary>
[Collection(EndToEndCollection.Name)]
public class InvocationTests
{
    [Fact]
    public async Task Flags_without_a_subcommand_run_the_operator()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.StartWithFlagsOnly(cluster);
        await cluster.ApplyAsync(Instance("2.x", "[source-controller, kustomize-controller]"));

        await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready", op);

        Assert.Equal("ok", await op.ReadyzAsync());
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
    }

    [Fact]
    public async Task Invalid_flags_without_a_subcommand_are_reported_like_run_does()
    {
        var (exit, _, error) = await OperatorCli.RunAsync(OperatorCli.RepositoryRoot, "--log-level=loud", "--metrics-addr=nowhere");

        Assert.Equal(1, exit);
        Assert.Contains("--log-level=loud", error, StringComparison.Ordinal);
        Assert.Contains("--metrics-addr=nowhere", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Root_help_still_lists_the_commands(string flag)
    {
        var (exit, output, _) = await OperatorCli.RunAsync(OperatorCli.RepositoryRoot, flag);

        Assert.Equal(0, exit);
        Assert.Contains("build", output, StringComparison.Ordinal);
        Assert.Contains("distro", output, StringComparison.Ordinal);
        Assert.Contains("generate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_commands_keep_working()
    {
        var (exit, output, _) = await OperatorCli.RunAsync(OperatorCli.RepositoryRoot, "version");

        Assert.Equal(0, exit);
        Assert.StartsWith("flux-operator ", output, StringComparison.Ordinal);
    }
}
