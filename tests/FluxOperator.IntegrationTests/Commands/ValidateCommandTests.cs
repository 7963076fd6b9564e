namespace FluxOperator.IntegrationTests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Valid = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: ghcr.io/fluxcd
        """;

    private const string TwoBadDocuments = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: flux-system
        ---
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: ghcr.io/fluxcd
          components: [source-controller, flagger]
          sharding:
            shards: [shard1, shard1]
        ---
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: other
          namespace: tenant
        spec:
          distribution:
            registry: ghcr.io/fluxcd
        """;

    private readonly string _scratch = Directory.CreateTempSubdirectory("validate-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Valid_manifest_exits_zero()
    {
        Write("flux.yaml", Valid);

        var (exitCode, output, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "flux.yaml");

        Assert.Equal(0, exitCode);
        Assert.Contains("flux.yaml: document 1 (FluxInstance flux-system/flux): valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_documents_exit_one_and_list_every_problem_per_file_and_document()
    {
        Write("fleet.yaml", TwoBadDocuments);
        Write("flux.yaml", Valid);

        var (exitCode, output, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "fleet.yaml", "-f", "flux.yaml");

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(
        [
            "fleet.yaml: document 2 (FluxInstance flux-system/flux): 2 problems",
            "  spec.components[1]: Unsupported value: \"flagger\": supported values: \"source-controller\", \"kustomize-controller\", \"helm-controller\", \"notification-controller\", \"image-reflector-controller\", \"image-automation-controller\", \"source-watcher\"",
            "  spec.sharding.shards[1]: duplicate shard name 'shard1' (each shard needs its own name; the build fails with 'may not add resource with an already registered id')",
            "fleet.yaml: document 3 (FluxInstance tenant/other): 2 problems",
            "  spec.distribution.version: Required value",
            "  <root>: Invalid value: \"object\": the only accepted name for a FluxInstance is 'flux'",
            "flux.yaml: document 1 (FluxInstance flux-system/flux): valid",
            "3 documents checked, 2 invalid",
        ], lines);
    }

    [Fact]
    public async Task Unreadable_input_exits_two_and_the_other_files_are_still_checked()
    {
        Write("broken.yaml", "apiVersion: v1\nkind: [unclosed\n");
        Write("flux.yaml", Valid);

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "broken.yaml", "-f", "missing.yaml", "-f", "flux.yaml");

        Assert.Equal(2, exitCode);
        Assert.Contains("broken.yaml: cannot read:", error, StringComparison.Ordinal);
        Assert.Contains("missing.yaml: cannot read: no such file or directory", error, StringComparison.Ordinal);
        Assert.Contains("flux.yaml: document 1 (FluxInstance flux-system/flux): valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_is_searched_for_manifests()
    {
        Directory.CreateDirectory(Path.Combine(_scratch, "clusters", "prod"));
        Write(Path.Combine("clusters", "prod", "flux.yaml"), TwoBadDocuments);
        Write(Path.Combine("clusters", "README.md"), "not a manifest: [");

        var (exitCode, output, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "clusters");

        Assert.Equal(1, exitCode);
        Assert.Contains("2 documents checked, 2 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_input_exits_two_not_one_so_ci_does_not_read_it_as_invalid()
    {
        var (exitCode, _, error) = await OperatorCli.RunAsync(_scratch, "validate");

        Assert.Equal(2, exitCode);
        Assert.Contains("pass -f FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Standard_input_is_read_with_a_dash()
    {
        var (exitCode, output, _) = await OperatorCli.RunWithInputAsync(_scratch, Valid.Replace("name: flux\n", "name: other\n", StringComparison.Ordinal), "validate", "-f", "-");

        Assert.Equal(1, exitCode);
        Assert.Contains("-: document 1 (FluxInstance flux-system/other): 1 problem", output, StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_scratch, name), text);
}
