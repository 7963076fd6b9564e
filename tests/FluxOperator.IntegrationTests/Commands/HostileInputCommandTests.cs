using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>The real executable fed hostile YAML: it exits 1 with the limit's message instead of crashing or growing.</summary>
public sealed class HostileInputCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("hostile-input-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Validate_of_200000_nested_flow_sequences_exits_1_with_the_depth_message()
    {
        var file = Write("deep.yaml", HostileInputs.InstanceWithLabelValue(HostileInputs.DeepFlow(200_000)));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "validate", "-f", file);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{file}: invalid: nesting exceeds the depth limit of 256 at 12:262\n", error);
        Assert.Contains("1 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_of_an_alias_bomb_from_stdin_exits_1_naming_excessive_aliasing()
    {
        var yaml = HostileInputs.InstanceWithLabelValue("y") + "\n" + HostileInputs.AliasBomb("  ");

        var (exitCode, _, error) = await OperatorCli.RunWithInputAsync(_scratch, yaml, "validate", "-f", "-");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("-: invalid: document contains excessive aliasing: expanding aliases exceeds the limit of 100000 nodes at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raised_limit_is_an_explicit_flag_and_lets_a_deeper_document_through()
    {
        var file = Write("deep.yaml", HostileInputs.InstanceWithLabelValue(HostileInputs.DeepFlow(300)));

        var refused = await OperatorCli.RunAsync(_scratch, "validate", "-f", file);
        var raised = await OperatorCli.RunAsync(_scratch, "validate", "-f", file, "--max-input-depth", "400");

        Assert.Contains("depth limit of 256", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("depth limit", raised.Error, StringComparison.Ordinal);
        Assert.Contains("document 1 (FluxInstance flux-system/flux)", raised.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_instance_from_a_registry_whose_distribution_holds_an_alias_bomb_fails_with_the_message()
    {
        var distribution = HostileDistribution();
        await using var registry = await RegistryServer.StartAsync();
        var url = $"oci://{registry.Host}/flux-manifests:latest";
        var push = await OperatorCli.RunAsync(_scratch, "distro", "push", distribution, url, "--plain-http");
        Assert.True(push.ExitCode == 0, push.Error);
        var instance = Write("instance.yaml", HostileInputs.InstanceWithLabelValue("y"));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", instance, "-d", url, "--plain-http");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("build failed: source-controller.yaml: document contains excessive aliasing", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    /// <summary>The newest release of the shared distribution with an alias bomb appended to source-controller.yaml.</summary>
    private string HostileDistribution()
    {
        var root = Path.Combine(_scratch, "distribution");
        var newest = Directory.GetDirectories(Path.Combine(SharedDistribution.Root, "flux")).Select(Path.GetFileName).OrderBy(v => Version.Parse(v![1..])).Last()!;
        foreach (var folder in new[] { "flux", "flux-images" })
        {
            var target = Directory.CreateDirectory(Path.Combine(root, folder, newest)).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(SharedDistribution.Root, folder, newest)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        File.AppendAllText(Path.Combine(root, "flux", newest, "source-controller.yaml"),
            "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\n  namespace: flux-system\ndata:\n" + HostileInputs.AliasBomb("  "));
        return root;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, content);
        return path;
    }
}
