using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.EndToEnd;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>
/// The verbs on ResourceSetInputProviders, read generically (metadata, conditions, status counts), and the verbs' error
/// lines. The test writes the provider's status itself, standing in for its reconciler.
/// </summary>
public sealed class InputProviderCommandTests : IAsyncLifetime
{
    private static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    private static readonly ResourceType Providers = new("fluxcd.controlplane.io", "v1", "ResourceSetInputProvider", "resourcesetinputproviders", true);
    private E2eCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await E2eCluster.StartAsync();
        if (await _cluster.Client.GetAsync(Crds, null, "resourcesetinputproviders.fluxcd.controlplane.io", CancellationToken.None) is null)
        {
            // Only when the repository does not ship the CRD yet: the commands need nothing of its schema.
            await _cluster.ApplyAsync("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: resourcesetinputproviders.fluxcd.controlplane.io
                spec:
                  group: fluxcd.controlplane.io
                  names: {kind: ResourceSetInputProvider, listKind: ResourceSetInputProviderList, plural: resourcesetinputproviders, singular: resourcesetinputprovider, shortNames: [rsip]}
                  scope: Namespaced
                  versions:
                    - name: v1
                      served: true
                      storage: true
                      subresources: {status: {}}
                      schema:
                        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
                """);
        }

        await _cluster.ApplyAsync("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSetInputProvider
            metadata:
              name: tenants
              namespace: flux-system
            spec:
              type: Static
            """);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Get_inputprovider_counts_exported_inputs_and_shows_the_next_schedule()
    {
        await WriteStatusAsync("True", "Reconciliation finished in 1s", "ReconciliationSucceeded", handled: null);

        var (code, table, error) = await CliAsync("get", "inputprovider", "-n", "flux-system");
        var (allCode, all, _) = await CliAsync("get", "rsip", "-A", "-o", "yaml");

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(
            "NAME      INPUTS   READY   MESSAGE                         LAST RECONCILED        NEXT SCHEDULE\n" +
            "tenants   2        True    Reconciliation finished in 1s   2026-12-07T10:00:00Z   2026-12-07T11:00:00Z\n",
            table);
        Assert.Equal(0, allCode);
        Assert.Equal(
            """[{"namespace":"flux-system","name":"tenants","inputs":2,"nextSchedule":"2026-12-07T11:00:00Z","ready":"True","message":"Reconciliation finished in 1s","lastReconciled":"2026-12-07T10:00:00Z"}]""",
            YamlDocuments.Parse(all).Single()!.ToJsonString());
    }

    [Fact]
    public async Task Reconcile_inputprovider_with_force_waits_for_the_request_and_suspend_uses_the_annotation()
    {
        await WriteStatusAsync("True", "old pass", "ReconciliationSucceeded", handled: null);

        var run = CliAsync("reconcile", "rsip", "tenants", "-n", "flux-system", "--force");
        var requestedAt = await Poll.UntilAsync(async () => Annotation(await ProviderAsync(), "reconcile.fluxcd.io/requestedAt"), "the reconcile request", timeout: TimeSpan.FromSeconds(60));
        await WriteStatusAsync("True", "Reconciliation finished in 2s", "ReconciliationSucceeded", requestedAt);
        var (code, output, error) = await run;
        var (suspendCode, _, _) = await CliAsync("suspend", "inputprovider", "tenants", "-n", "flux-system");

        Assert.Equal((0, ""), (code, error));
        Assert.Equal("► Reconciliation triggered\n◎ Waiting for reconciliation...\n✔ Reconciliation finished in 2s\n", output);
        Assert.Equal(requestedAt, Annotation(await ProviderAsync(), "reconcile.fluxcd.io/forceAt"));
        Assert.Equal(0, suspendCode);
        Assert.Equal("disabled", Annotation(await ProviderAsync(), "fluxcd.controlplane.io/reconcile"));
    }

    [Fact]
    public async Task Wait_keeps_waiting_for_a_missing_object_until_the_deadline()
    {
        var (code, output, error) = await CliAsync("wait", "inputprovider", "later", "-n", "flux-system", "--timeout", "3s");

        Assert.Equal(1, code);
        Assert.Equal("◎ Waiting for inputprovider to become ready...\n", output);
        Assert.Equal("✗ timed out waiting for flux-system/later to become ready\n", error);
    }

    [Theory]
    [InlineData("✗ resource name must be in the format <kind>/<name>, e.g., HelmRelease/my-app\n", "reconcile", "resource", "podinfo")]
    [InlineData("✗ unable to get gvk for kind Widget : not a Flux kind or short name\n", "suspend", "resource", "Widget/podinfo")]
    [InlineData("✗ --kind is required\n", "reconcile", "all")]
    [InlineData("✗ kind widget not found\n", "reconcile", "all", "--kind", "widget")]
    [InlineData("✗ no resources reconciled of kind HelmRelease\n", "reconcile", "all", "--kind", "hr")]
    [InlineData("✗ ResourceSetInputProvider/flux-system/nope not found\n", "resume", "rsip", "nope", "-n", "flux-system")]
    [InlineData("✗ ResourceSet/flux-system/nope not found\n", "delete", "rset", "nope", "-n", "flux-system")]
    [InlineData("✗ unable to get resource ResourceSet/nope: ResourceSet/flux-system/nope not found\n", "export", "resource", "rset/nope", "-n", "flux-system")]
    public async Task Verb_errors_are_one_line_and_exit_1(string expected, params string[] args)
    {
        var (code, output, error) = await CliAsync(args);

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal(expected, error);
    }

    private async Task<JsonObject?> ProviderAsync() => await _cluster.Client.GetAsync(Providers, "flux-system", "tenants", CancellationToken.None);

    private static string? Annotation(JsonObject? obj, string key) => obj?["metadata"]?["annotations"]?[key]?.GetValue<string>();

    private async Task WriteStatusAsync(string readyStatus, string message, string reason, string? handled)
    {
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = readyStatus, ["reason"] = reason, ["message"] = message,
                ["observedGeneration"] = 1, ["lastTransitionTime"] = "2026-12-07T10:00:00Z",
            }),
            ["exportedInputs"] = new JsonArray(new JsonObject { ["id"] = "a" }, new JsonObject { ["id"] = "b" }),
            ["nextSchedule"] = new JsonObject { ["cron"] = "0 * * * *", ["when"] = "2026-12-07T11:00:00Z" },
        };
        if (handled is not null)
        {
            status["lastHandledReconcileAt"] = handled;
        }

        await _cluster.Client.PatchStatusAsync(Providers, "flux-system", "tenants", new JsonObject { ["status"] = status }, "e2e-test", CancellationToken.None);
    }

    private Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) =>
        OperatorCli.RunAsync(Path.GetTempPath(), [.. args, "--kubeconfig", _cluster.KubeconfigPath]);
}
