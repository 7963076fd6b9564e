namespace FluxOperator.IntegrationTests.Commands;

/// <summary><c>build resourceset</c> and <c>validate</c> on ResourceSet files, through the real executable.</summary>
public sealed class ResourceSetCommandTests : IDisposable
{
    private const string Tenants = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: ResourceSet
        metadata:
          name: tenants
          namespace: apps
        spec:
          commonMetadata:
            labels:
              team: platform
          inputsFrom:
            - name: teams
          resources:
            - apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: << inputs.tenant >>
                namespace: apps
        """;

    private const string Providers = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: ResourceSetInputProvider
        metadata:
          name: teams
          namespace: apps
        status:
          exportedInputs:
            - id: "1"
              tenant: team1
            - id: "2"
              tenant: team2
        """;

    private readonly string _scratch = Directory.CreateTempSubdirectory("rset-cli-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Build_renders_one_object_per_provider_input_with_ownership_labels()
    {
        Write("rset.yaml", Tenants);
        Write("providers.yaml", Providers);

        var (exitCode, output, error) = await OperatorCli.RunAsync(_scratch, "build", "resourceset", "-f", "rset.yaml", "--inputs-from", "providers.yaml");

        Assert.True(exitCode == 0, error);
        var objects = Controllers.Serialization.YamlDocuments.ParseObjects(output);
        Assert.Equal(["team1", "team2"], objects.Select(o => o["metadata"]!["name"]!.GetValue<string>()));
        Assert.All(objects, o =>
        {
            Assert.Equal("tenants", o["metadata"]!["labels"]!["resourceset.fluxcd.controlplane.io/name"]!.GetValue<string>());
            Assert.Equal("apps", o["metadata"]!["labels"]!["resourceset.fluxcd.controlplane.io/namespace"]!.GetValue<string>());
            Assert.Equal("platform", o["metadata"]!["labels"]!["team"]!.GetValue<string>());
        });
        Assert.Matches("^built 2 objects, revision sha256:[0-9a-f]{64}\n$", error);
    }

    [Fact]
    public async Task A_template_past_the_output_limit_fails_with_the_limit_and_the_flag_raises_it()
    {
        Write("rset.yaml", """
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata:
              name: big
              namespace: apps
            spec:
              resourcesTemplate: |
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: big
                  namespace: apps
                data:
                  padding: << repeat 3000 "x" >>
            """);

        var (refused, _, refusal) = await OperatorCli.RunAsync(_scratch, "build", "resourceset", "-f", "rset.yaml", "--max-template-output", "2Ki");
        var (raised, output, raisedError) = await OperatorCli.RunAsync(_scratch, "build", "resourceset", "-f", "rset.yaml", "--max-template-output", "8Ki");

        Assert.Equal(1, refused);
        Assert.Contains("exceeds 2 KiB", refusal, StringComparison.Ordinal);
        Assert.Single(refusal.TrimEnd('\n').Split('\n'));
        Assert.True(raised == 0, raisedError);
        Assert.Contains(new string('x', 3000), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_without_the_named_provider_fails_as_the_controller_would()
    {
        Write("rset.yaml", Tenants);

        var (exitCode, _, error) = await OperatorCli.RunAsync(_scratch, "build", "rset", "-f", "rset.yaml");

        Assert.Equal(1, exitCode);
        Assert.Equal("failed to compute inputs: failed to get provider apps/teams: resourcesetinputproviders.fluxcd.controlplane.io \"teams\" not found\n", error);
    }

    [Fact]
    public async Task Validate_reports_the_crd_rules_of_a_resource_set_in_the_api_servers_words()
    {
        Write("rset.yaml", """
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata:
              name: broken
              namespace: apps
            spec:
              inputStrategy:
                name: Flatten
                includeEmptyProviders: true
              inputsFrom:
                - name: a
                  selector: {}
              resourcesTemplate: "x"
              steps:
                - name: Bad_Name
                  timeout: soon
            """);

        var (exitCode, output, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "rset.yaml");

        Assert.Equal(1, exitCode);
        Assert.Contains("rset.yaml: document 1 (ResourceSet apps/broken): 6 problems", output, StringComparison.Ordinal);
        Assert.Contains("spec: Invalid value: \"object\": steps is mutually exclusive with resources and resourcesTemplate", output, StringComparison.Ordinal);
        Assert.Contains("spec.inputStrategy: Invalid value: \"object\": includeEmptyProviders only applies when name is Permute", output, StringComparison.Ordinal);
        Assert.Contains("spec.inputsFrom[0]: Invalid value: \"object\": cannot set both name and selector for input provider references", output, StringComparison.Ordinal);
        Assert.Contains("spec.steps[0].name: Invalid value: \"Bad_Name\": spec.steps[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'", output, StringComparison.Ordinal);
        Assert.Contains("spec.steps[0].timeout: Invalid value: \"soon\"", output, StringComparison.Ordinal);
        Assert.Contains("spec.steps[0]: Invalid value: \"object\": at least one of resources or resourcesTemplate must be set", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_accepts_the_shipped_sample_and_reports_a_template_error()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(OperatorCli.RepositoryRoot, "config", "samples", "fluxcd_v1_resourceset.yaml"));
        Write("good.yaml", sample);
        Write("bad.yaml", sample.Replace("<< inputs.tenant >>", "<< invalidFunc inputs.tenant >>", StringComparison.Ordinal));

        var (goodExit, goodOutput, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "good.yaml");
        var (badExit, badOutput, _) = await OperatorCli.RunAsync(_scratch, "validate", "-f", "bad.yaml");

        Assert.Equal((0, 1), (goodExit, badExit));
        Assert.Contains("(ResourceSet flux-system/tenants): valid", goodOutput, StringComparison.Ordinal);
        Assert.Contains("spec: build failed: ", badOutput, StringComparison.Ordinal);
        Assert.Contains("function \"invalidFunc\" not defined", badOutput, StringComparison.Ordinal);
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_scratch, name), text);
}
