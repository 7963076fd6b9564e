using FluxOperator.Controllers.Serialization;

namespace FluxOperator.IntegrationTests.Commands;

public sealed class BuildInstanceCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("build-instance-").FullName;

    private static string Distribution => Path.GetFullPath(Path.Combine(OperatorCli.RepositoryRoot, "..", "shared", "flux-distribution"));

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Build_instance_prints_the_objects_and_a_summary_line()
    {
        var file = Write("instance.yaml", Instance("2.x", "  commonMetadata:\n    labels:\n      team: sre\n"));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "--distribution", Distribution);

        Assert.True(exitCode == 0, error);
        var objects = YamlDocuments.ParseObjects(output);
        Assert.Equal(32, objects.Count);
        Assert.All(objects, o =>
        {
            Assert.Equal("sre", o["metadata"]!["labels"]!["team"]!.GetValue<string>());
            Assert.Equal("flux", o["metadata"]!["labels"]!["fluxcd.controlplane.io/name"]!.GetValue<string>());
        });
        Assert.Equal("CustomResourceDefinition", objects[0]["kind"]!.GetValue<string>());
        var summary = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches("^built v2\\.9\\.4@sha256:[0-9a-f]{64}: 32 objects \\(.*CustomResourceDefinition 11, Deployment 4.*\\)$", summary);
    }

    [Fact]
    public async Task The_readme_sample_renders_with_every_component_it_lists()
    {
        var sample = Path.Combine(OperatorCli.RepositoryRoot, "config", "samples", "fluxcd_v1_fluxinstance.yaml");

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", sample, "-d", Distribution);

        Assert.True(exitCode == 0, error);
        var deployments = YamlDocuments.ParseObjects(output).Where(o => o["kind"]!.GetValue<string>() == "Deployment").ToArray();
        Assert.Equal(6, deployments.Length);
        Assert.All(deployments, d => Assert.Equal("medium", d["metadata"]!["annotations"]!["fluxcd.controlplane.io/profile"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Build_instance_is_deterministic_across_processes()
    {
        var file = Write("instance.yaml", Instance("2.x", string.Empty));

        var first = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution);
        var second = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Output, second.Output);
        Assert.Equal(first.Error, second.Error);
    }

    [Fact]
    public async Task Build_instance_writes_one_file_per_object_in_apply_order()
    {
        var file = Write("instance.yaml", Instance("2.3.x", string.Empty));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution, "--output", "out");

        Assert.True(exitCode == 0, error);
        Assert.Equal(string.Empty, output);
        var files = Directory.GetFiles(Path.Combine(_scratch, "out")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(31, files.Length);
        Assert.Equal("000-customresourcedefinition-alerts.notification.toolkit.fluxcd.io.yaml", files[0]);
        Assert.Equal("030-networkpolicy-allow-webhooks.yaml", files[^1]);
    }

    [Theory]
    [InlineData("  distribution:\n    registry: ghcr.io/fluxcd\n", ".spec.distribution.version is required")]
    [InlineData("  distribution:\n    version: 2.x\n", ".spec.distribution.registry is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sharding:\n    shards: []\n", ".spec.sharding.shards is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sharding:\n    shards: [a]\n    storage: persistent\n", ".spec.storage must be set when .spec.sharding.storage is 'persistent'")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  storage:\n    size: 1Gi\n", ".spec.storage.class is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  storage:\n    class: standard\n", ".spec.storage.size is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sync:\n    url: u\n    ref: r\n    path: p\n", ".spec.sync.kind is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sync:\n    kind: GitRepository\n    ref: r\n    path: p\n", ".spec.sync.url is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sync:\n    kind: GitRepository\n    url: u\n    path: p\n", ".spec.sync.ref is required")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  sync:\n    kind: GitRepository\n    url: u\n    ref: r\n", ".spec.sync.path is required")]
    [InlineData("  distribution:\n    version: latest\n    registry: ghcr.io/fluxcd\n", "semver 'latest' parse error: improper constraint: \"latest\"")]
    [InlineData("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n  components: [flagger]\n", "invalid component: flagger")]
    public async Task Bad_inputs_fail_with_their_message_and_no_partial_output(string spec, string message)
    {
        var file = Write("bad.yaml", "apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\nspec:\n" + spec);

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution, "-o", "out");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"build failed: {message}", error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_scratch, "out")));
    }

    [Fact]
    public async Task Build_instance_through_a_local_registry_equals_the_folder_build()
    {
        await using var registry = await OciRegistryFixture.RegistryServer.StartAsync();
        var url = $"oci://{registry.Host}/flux-operator-manifests:latest";
        var file = Write("instance.yaml", Instance("2.x", string.Empty));

        var push = await OperatorCli.RunAsync(_scratch, "distro", "push", Distribution, url, "--plain-http");
        var fromRegistry = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", url, "--plain-http");
        var fromFolder = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution);

        Assert.True(push.ExitCode == 0, push.Error);
        Assert.True(fromRegistry.ExitCode == 0, fromRegistry.Error);
        Assert.Equal(fromFolder.Output, fromRegistry.Output);
        Assert.Equal(fromFolder.Error, fromRegistry.Error);
    }

    [Fact]
    public async Task Upstream_flag_names_filename_and_distribution_artifact_build_the_same_objects()
    {
        await using var registry = await OciRegistryFixture.RegistryServer.StartAsync();
        var url = $"oci://{registry.Host}/flux-operator-manifests:latest";
        var file = Write("instance.yaml", Instance("2.x", string.Empty));

        var push = await OperatorCli.RunAsync(_scratch, "distro", "push", Distribution, url, "--plain-http");
        var upstream = await OperatorCli.RunAsync(_scratch, "build", "instance", "--filename", file, "--distribution-artifact", url, "--plain-http");
        var ours = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Distribution);

        Assert.True(push.ExitCode == 0, push.Error);
        Assert.True(upstream.ExitCode == 0, upstream.Error);
        Assert.Equal(ours.Output, upstream.Output);
    }

    [Theory]
    [InlineData("--distribution-artifact", "/data", "must be an oci:// URL")]
    [InlineData("--distribution", "/data", "give one")]
    public async Task Distribution_artifact_takes_only_an_oci_url_and_excludes_distribution(string flag, string value, string message)
    {
        var file = Write("instance.yaml", Instance("2.x", string.Empty));
        string[] args = flag == "--distribution"
            ? ["build", "instance", "-f", file, "--distribution", value, "--distribution-artifact", "oci://127.0.0.1:1/none:latest"]
            : ["build", "instance", "-f", file, flag, value];

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, args);

        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("apiVersion:", output, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_artifact_fails_the_fetch_without_output()
    {
        var file = Write("instance.yaml", Instance("2.x", string.Empty));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", "oci://127.0.0.1:1/none:latest", "--plain-http", "--timeout", "00:00:05");

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("build failed: fetch failed: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_distribution_folder_names_the_flux_path()
    {
        var file = Write("instance.yaml", Instance("2.x", string.Empty));

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", file, "-d", Path.Combine(_scratch, "nowhere"));

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"build failed: storage path {Path.Combine(_scratch, "nowhere", "flux")} does not exist", error.Trim());
    }

    [Fact]
    public async Task Unreadable_input_exits_with_two()
    {
        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "instance", "-f", Path.Combine(_scratch, "missing.yaml"), "-d", Distribution);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: cannot read missing.yaml", error, StringComparison.Ordinal);
    }

    private static string Instance(string version, string extra) =>
        $"apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n  distribution:\n    version: \"{version}\"\n    registry: ghcr.io/fluxcd\n{extra}";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_scratch, name);
        File.WriteAllText(path, text);
        return path;
    }
}
