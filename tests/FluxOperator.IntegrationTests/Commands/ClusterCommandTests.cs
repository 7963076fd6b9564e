using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.EndToEnd;
using KubeApiEmulator.Auth;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>
/// The cluster commands (<c>get</c>, <c>reconcile</c>, <c>suspend</c>, <c>resume</c>, <c>export</c>, <c>version</c>) run as the
/// real executable against the emulator; the test stands in for the operator by writing the status it would write.
/// </summary>
public sealed class ClusterCommandTests : IAsyncLifetime
{
    private const string Ready = "2026-12-07T10:00:00Z";
    private E2eCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await E2eCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Get_instance_lists_every_namespace_with_upper_case_headers()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "Reconciliation finished in 2s", inventory: 3);

        var (code, output, error) = await CliAsync("get", "instance");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(
            "NAMESPACE     NAME   RESOURCES   READY   MESSAGE                         LAST RECONCILED\n" +
            "flux-system   flux   3           True    Reconciliation finished in 2s   2026-12-07T10:00:00Z\n",
            output);
    }

    [Fact]
    public async Task Get_instance_as_json_and_yaml_has_one_item_per_instance()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "False", message: "BuildFailed", inventory: 0);

        var (code, output, _) = await CliAsync("get", "instance", "flux", "-o", "json");
        var (yamlCode, yaml, _) = await CliAsync("get", "instance", "-o", "yaml");

        Assert.Equal(0, code);
        var item = Assert.Single(JsonNode.Parse(output)!.AsArray())!;
        Assert.Equal(
            """{"namespace":"flux-system","name":"flux","resources":0,"ready":"False","message":"BuildFailed","lastReconciled":"2026-12-07T10:00:00Z","revision":null}""",
            item.ToJsonString());
        Assert.Equal(0, yamlCode);
        Assert.StartsWith("- namespace: flux-system\n  name: flux\n", yaml, StringComparison.Ordinal);
        Assert.Equal(JsonNode.Parse(output)!.ToJsonString(), YamlDocuments.Parse(yaml).Single()!.ToJsonString());
    }

    [Fact]
    public async Task Get_all_lists_flux_kinds_skipping_missing_crds_and_an_empty_match_is_a_header()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "ok", inventory: 1);

        var (code, output, error) = await CliAsync("get", "all", "-n", "flux-system");
        var (emptyCode, empty, _) = await CliAsync("get", "all", "-n", "flux-system", "--ready-status", "false");
        var (jsonCode, json, _) = await CliAsync("get", "all", "-A", "--kind", "instance,HelmRelease", "-o", "json");
        var (badCode, badOut, badError) = await CliAsync("get", "all", "--kind", "widget");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal(
            "KIND           NAME               LAST RECONCILED        READY   MESSAGE\n" +
            "FluxInstance   flux-system/flux   2026-12-07T10:00:00Z   True    ok\n",
            output);
        Assert.Equal(0, emptyCode);
        Assert.Equal("KIND   NAME   LAST RECONCILED   READY   MESSAGE\n", empty);
        Assert.Equal(0, jsonCode);
        Assert.Equal("""[{"kind":"FluxInstance","name":"flux-system/flux","lastReconciled":"2026-12-07T10:00:00Z","ready":"True","message":"ok"}]""",
            JsonNode.Parse(json)!.ToJsonString());
        Assert.Equal(1, badCode);
        Assert.Empty(badOut);
        Assert.Equal("✗ kind widget not found\n", badError);
    }

    [Fact]
    public async Task Suspend_records_who_suspended_and_get_shows_suspended()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "ok", inventory: 1);

        var (code, output, error) = await CliAsync("suspend", "instance", "flux");
        var (asCode, _, asError) = await CliAsync("suspend", "instance", "flux", "-n", "flux-system", "--kube-as", "jane@example.com", "--kube-as-group", "system:masters");
        var (_, all, _) = await CliAsync("get", "all", "-n", "flux-system", "-o", "json");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal("◎ Using namespace flux-system (the namespace of the only FluxInstance)\n✔ Reconciliation suspended\n", output);
        Assert.Equal((0, ""), (asCode, asError));
        var annotations = (await _cluster.InstanceAsync())!["metadata"]!["annotations"]!;
        Assert.Equal("disabled", annotations["fluxcd.controlplane.io/reconcile"]!.GetValue<string>());
        Assert.Equal("jane@example.com", annotations["fluxcd.controlplane.io/suspendedBy"]!.GetValue<string>());
        Assert.Equal("Suspended", JsonNode.Parse(all)![0]!["ready"]!.GetValue<string>());
    }

    [Fact]
    public async Task Suspend_without_impersonation_records_the_kubeconfig_user()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "ok", inventory: 1);

        var (code, _, _) = await CliAsync("suspend", "instance", "flux");

        Assert.Equal(0, code);
        Assert.Equal(UserInfo.Admin.Name, (await _cluster.InstanceAsync())!["metadata"]!["annotations"]!["fluxcd.controlplane.io/suspendedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_waits_until_the_request_is_handled_and_ready()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "old pass", inventory: 1);

        var run = CliAsync("reconcile", "instance", "flux", "-n", "flux-system", "--timeout", "1m");
        var requestedAt = await RequestedAtAsync();
        await WriteStatusAsync("flux-system", "flux", "True", "Reconciliation finished in 1s", "ReconciliationSucceeded", requestedAt);
        var (code, output, error) = await run;

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal("► Reconciliation triggered\n◎ Waiting for reconciliation...\n✔ Reconciliation finished in 1s\n", output);
    }

    [Fact]
    public async Task Reconcile_fails_with_the_ready_reason_when_the_pass_fails()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "old pass", inventory: 1);

        var run = CliAsync("reconcile", "instance", "flux", "-n", "flux-system", "--force");
        var requestedAt = await RequestedAtAsync();
        await WriteStatusAsync("flux-system", "flux", "False", "no match found for semver: 9.x", "BuildFailed", requestedAt);
        var (code, output, error) = await run;

        Assert.Equal(1, code);
        Assert.EndsWith("◎ Waiting for reconciliation...\n", output, StringComparison.Ordinal);
        Assert.Equal("✗ BuildFailed: no match found for semver: 9.x\n", error);
        Assert.Equal(requestedAt, (await _cluster.InstanceAsync())!["metadata"]!["annotations"]!["reconcile.fluxcd.io/forceAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reconcile_of_a_suspended_instance_fails_at_once_and_resume_clears_the_suspension()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "True", message: "ok", inventory: 1);
        await CliAsync("suspend", "instance", "flux", "-n", "flux-system");

        var (code, _, error) = await CliAsync("reconcile", "instance", "flux", "-n", "flux-system");
        var (resumeCode, resumed, _) = await CliAsync("resume", "instance", "flux", "-n", "flux-system", "--wait=false");

        Assert.Equal(1, code);
        Assert.Equal("✗ Reconciliation is disabled for flux\n", error);
        Assert.Equal(0, resumeCode);
        Assert.Equal("✔ Reconciliation resumed\n", resumed);
        var annotations = (await _cluster.InstanceAsync())!["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("enabled", annotations["fluxcd.controlplane.io/reconcile"]!.GetValue<string>());
        Assert.False(annotations.ContainsKey("fluxcd.controlplane.io/suspendedBy"));
        Assert.True(annotations.ContainsKey("reconcile.fluxcd.io/requestedAt"));
    }

    [Fact]
    public async Task A_wait_that_does_not_end_times_out_with_the_upstream_message()
    {
        await SeedInstanceAsync("flux-system", "flux", readyStatus: "Unknown", message: "Reconciliation in progress", inventory: 0);

        var (code, _, error) = await CliAsync("resume", "instance", "flux", "-n", "flux-system", "--timeout", "3s");

        Assert.Equal(1, code);
        Assert.Equal("✗ timed out waiting for flux-system/flux to become ready\n", error);
    }

    [Fact]
    public async Task A_missing_instance_and_an_rbac_denial_are_one_line_each()
    {
        var user = _cluster.Knobs.WriteKubeconfig(UserInfo.User("viewer"));
        try
        {
            var (code, _, error) = await CliAsync("reconcile", "instance", "nope", "-n", "flux-system");
            var (deniedCode, deniedOut, denied) = await OperatorCli.RunAsync(Path.GetTempPath(), "get", "instance", "--kubeconfig", user);

            Assert.Equal(1, code);
            Assert.Equal("✗ FluxInstance/flux-system/nope not found\n", error);
            Assert.Equal(1, deniedCode);
            Assert.Empty(deniedOut);
            Assert.StartsWith("✗ ", denied, StringComparison.Ordinal);
            Assert.Contains("forbidden", denied, StringComparison.Ordinal);
            Assert.Single(denied.TrimEnd('\n').Split('\n'));
        }
        finally
        {
            File.Delete(user);
        }
    }

    [Fact]
    public async Task Export_report_and_version_read_the_flux_report()
    {
        await _cluster.ApplyAsync("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxReport
            metadata:
              name: flux
              namespace: flux-system
              annotations:
                reconcile.fluxcd.io/requestedAt: "2026-12-07T09:00:00Z"
            spec:
              distribution:
                entitlement: Issued by controlplane
                status: Installed
                version: v2.9.4
              operator:
                apiVersion: fluxcd.controlplane.io/v1
                version: v0.40.0
                platform: linux/amd64
            """);

        var (code, output, error) = await CliAsync("export", "report");
        var (jsonCode, json, _) = await CliAsync("export", "report", "-o", "json");
        var (versionCode, version, _) = await CliAsync("version");
        var (clientCode, client, _) = await OperatorCli.RunAsync(Path.GetTempPath(), "version", "--client", "--kubeconfig", "/nonexistent");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("apiVersion: fluxcd.controlplane.io/v1\nkind: FluxReport\nmetadata:\n  name: flux\n  namespace: flux-system\nspec:\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("requestedAt", output, StringComparison.Ordinal);
        Assert.DoesNotContain("status:", output.Replace("  status: Installed", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(0, jsonCode);
        Assert.Equal("v0.40.0", JsonNode.Parse(json)!["spec"]!["operator"]!["version"]!.GetValue<string>());
        Assert.Contains("\n  \"kind\": \"FluxReport\",", json, StringComparison.Ordinal);
        Assert.Equal(0, versionCode);
        Assert.Matches(@"^client: \S+\nserver: v0\.40\.0\ndistribution: v2\.9\.4\n$", version);
        Assert.Equal(0, clientCode);
        Assert.Matches(@"^client: \S+\n$", client);
    }

    private Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) =>
        OperatorCli.RunAsync(Path.GetTempPath(), [.. args, "--kubeconfig", _cluster.KubeconfigPath]);

    private async Task SeedInstanceAsync(string ns, string name, string readyStatus, string message, int inventory)
    {
        await _cluster.ApplyAsync($"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: {name}
              namespace: {ns}
            spec:
              distribution:
                version: "2.x"
                registry: ghcr.io/fluxcd
            """);
        await WriteStatusAsync(ns, name, readyStatus, message, readyStatus == "True" ? "ReconciliationSucceeded" : "Progressing", null, inventory);
    }

    /// <summary>What the operator writes at the end of a pass.</summary>
    private async Task WriteStatusAsync(string ns, string name, string readyStatus, string message, string reason, string? handled, int inventory = 1)
    {
        var entries = new JsonArray(Enumerable.Range(0, inventory).Select(i => (JsonNode?)new JsonObject { ["id"] = $"{ns}_cm{i}__ConfigMap", ["v"] = "v1" }).ToArray());
        var status = new JsonObject
        {
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Ready", ["status"] = readyStatus, ["reason"] = reason, ["message"] = message,
                ["observedGeneration"] = 1, ["lastTransitionTime"] = Ready,
            }),
            ["inventory"] = new JsonObject { ["entries"] = entries },
        };
        if (handled is not null)
        {
            status["lastHandledReconcileAt"] = handled;
        }

        await _cluster.Client.PatchStatusAsync(E2eCluster.Instances, ns, name, new JsonObject { ["status"] = status }, "e2e-test", CancellationToken.None);
    }

    /// <summary>The request time the command wrote, once it is there (the signal the wait is armed).</summary>
    private async Task<string> RequestedAtAsync() =>
        await Poll.UntilAsync(async () => (await _cluster.InstanceAsync())?["metadata"]?["annotations"]?["reconcile.fluxcd.io/requestedAt"]?.GetValue<string>(),
            "the reconcile request", timeout: TimeSpan.FromSeconds(60));
}
