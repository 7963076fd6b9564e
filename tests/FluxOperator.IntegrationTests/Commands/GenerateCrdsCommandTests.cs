namespace FluxOperator.IntegrationTests.Commands;

public sealed class GenerateCrdsCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("generate-crds-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Generate_crds_writes_the_committed_files_to_the_output_directory()
    {
        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "generate", "crds", "--output", "out");

        Assert.True(exitCode == 0, error);
        var committed = Path.Combine(OperatorCli.RepositoryRoot, "config", "crd", "bases");
        foreach (var name in new[] { "fluxcd.controlplane.io_fluxinstances.yaml", "fluxcd.controlplane.io_fluxreports.yaml" })
        {
            Assert.Contains(Path.Combine("out", name), output, StringComparison.Ordinal);
            Assert.Equal(File.ReadAllText(Path.Combine(committed, name)), File.ReadAllText(Path.Combine(_scratch, "out", name)));
        }
    }

    [Fact]
    public async Task Generate_crds_defaults_to_config_crd_bases_under_the_working_directory()
    {
        var (exitCode, _, error) = await OperatorCli.RunAsync(_scratch, "generate", "crds");

        Assert.True(exitCode == 0, error);
        Assert.Equal(
            ["fluxcd.controlplane.io_fluxinstances.yaml", "fluxcd.controlplane.io_fluxreports.yaml", "fluxcd.controlplane.io_resourcesets.yaml"],
            Directory.GetFiles(Path.Combine(_scratch, "config", "crd", "bases")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
