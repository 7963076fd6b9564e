using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Schema;

/// <summary>
/// Our FluxInstance CRD as users meet it through kubectl: each rule class with the exact message kubectl prints,
/// defaults and pruning in <c>get -o yaml</c>, <c>explain</c>, and strict or warning field validation.
/// </summary>
public sealed class KubectlSchemaTests : IAsyncLifetime
{
    private KubeApiServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await KubeApiServer.StartAsync();
        await Kubectl.Ok(_server, null, "apply", "-f", Path.Combine(SharedData.RepositoryRoot, "config", "crd", "bases"));
        await Kubectl.Ok(_server, null, "create", "namespace", "flux-system");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Instance(string spec, string name = "flux") => $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: {name}
          namespace: flux-system
        spec:
        {spec}
        """;

    private const string Distribution = "  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n";

    private async Task<string> Rejected(string yaml, params string[] flags)
    {
        var (code, _, error) = await Kubectl.Run(_server, yaml, ["apply", .. flags, "-f", "-"]);
        Assert.NotEqual(0, code);
        return error.Trim();
    }

    [Fact]
    public async Task Schema_violations_are_printed_together_in_the_api_servers_words()
    {
        var error = await Rejected(Instance("  wait: \"yes\"\n  cluster:\n    type: mars\n"));
        Assert.Equal("""
            The FluxInstance "flux" is invalid: 
            * spec.distribution: Required value
            * spec.cluster.type: Unsupported value: "mars": supported values: "kubernetes", "openshift", "aws", "azure", "gcp"
            * spec.wait: Invalid value: "string": spec.wait in body must be of type boolean: "string"
            * <nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation
            """, error);
    }

    [Fact]
    public async Task Pattern_and_min_items_are_reported_alone()
    {
        var error = await Rejected(Instance("  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n    artifact: ghcr.io/x/y:latest\n  sharding:\n    shards: []\n"));
        Assert.Equal("""
            The FluxInstance "flux" is invalid: 
            * spec.distribution.artifact: Invalid value: "ghcr.io/x/y:latest": spec.distribution.artifact in body should match '^oci://.*$'
            * spec.sharding.shards: Invalid value: 0: spec.sharding.shards in body should have at least 1 items
            """, error);
    }

    [Fact]
    public async Task Cel_rules_reject_the_wrong_name_and_incoherent_fields()
    {
        Assert.Equal("The FluxInstance \"other\" is invalid: <nil>: Invalid value: \"object\": the only accepted name for a FluxInstance is 'flux'",
            await Rejected(Instance(Distribution, name: "other")));
        Assert.Equal("The FluxInstance \"flux\" is invalid: spec: Invalid value: \"object\": .spec.storage must be set when .spec.sharding.storage is 'persistent'",
            await Rejected(Instance(Distribution + "  sharding:\n    shards: [a]\n    storage: persistent\n")));
    }

    [Fact]
    public async Task Sync_name_is_immutable_once_set()
    {
        const string sync = "  sync:\n    kind: GitRepository\n    url: https://example.com/repo.git\n    ref: refs/heads/main\n    path: clusters/a\n    name: {0}\n";
        await Kubectl.Ok(_server, Instance(Distribution + string.Format(System.Globalization.CultureInfo.InvariantCulture, sync, "first")), "apply", "-f", "-");
        Assert.Equal("The FluxInstance \"flux\" is invalid: spec.sync.name: Invalid value: \"string\": Sync name is immutable",
            await Rejected(Instance(Distribution + string.Format(System.Globalization.CultureInfo.InvariantCulture, sync, "second"))));
    }

    [Fact]
    public async Task Defaults_are_visible_and_unknown_fields_are_rejected_or_pruned()
    {
        var strict = await Rejected(Instance(Distribution + "  bogus: 1\n"));
        Assert.Equal("Error from server (BadRequest): error when creating \"STDIN\": FluxInstance in version \"v1\" cannot be handled as a FluxInstance: strict decoding error: unknown field \"spec.bogus\"", strict);

        var (code, output, warning) = await Kubectl.Run(_server, Instance(Distribution + "  bogus: 1\n  cluster: {}\n"), "apply", "--validate=warn", "-f", "-");
        Assert.True(code == 0, warning);
        Assert.Contains("fluxinstance.fluxcd.controlplane.io/flux created", output, StringComparison.Ordinal);
        Assert.Equal("Warning: unknown field \"spec.bogus\"", warning.Trim());

        var yaml = await Kubectl.Ok(_server, null, "get", "fluxinstance", "flux", "-n", "flux-system", "-o", "yaml");
        Assert.DoesNotContain("  bogus: 1", yaml, StringComparison.Ordinal); // only the last-applied annotation still quotes it
        Assert.Contains("  wait: true\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  migrateResources: true\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    type: kubernetes\n", yaml, StringComparison.Ordinal);
        Assert.Contains("    domain: cluster.local\n", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_side_apply_and_dry_runs_are_validated()
    {
        var error = await Rejected(Instance("  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n  cluster:\n    size: huge\n"), "--server-side", "--dry-run=server");
        Assert.EndsWith("spec.cluster.size: Unsupported value: \"huge\": supported values: \"small\", \"medium\", \"large\"", error.Split('\n')[1].Trim(), StringComparison.Ordinal);
        Assert.Equal(1, (await Kubectl.Run(_server, null, "get", "fluxinstance", "flux", "-n", "flux-system")).Code);
    }

    [Fact]
    public async Task Explain_reads_the_published_schema()
    {
        var spec = await Kubectl.Ok(_server, null, "explain", "fluxinstance.spec");
        Assert.Contains("KIND:       FluxInstance", spec, StringComparison.Ordinal);
        Assert.Contains("FluxInstanceSpec defines the desired state of FluxInstance.", spec, StringComparison.Ordinal);
        Assert.Contains("distribution\t<Object> -required-", spec, StringComparison.Ordinal);
        var type = await Kubectl.Ok(_server, null, "explain", "fluxinstance.spec.cluster.type");
        Assert.Contains("ENUM:\n    kubernetes\n    openshift\n    aws\n    azure\n    gcp", type, StringComparison.Ordinal);
        var metadata = await Kubectl.Ok(_server, null, "explain", "fluxinstance.metadata.name");
        Assert.Contains("FIELD: name <string>", metadata, StringComparison.Ordinal);
    }
}
