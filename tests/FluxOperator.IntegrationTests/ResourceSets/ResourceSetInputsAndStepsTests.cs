using FluxOperator.Controllers.Runtime;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>Providers, dependencies and steps, pass by pass against the emulator.</summary>
public sealed class ResourceSetInputsAndStepsTests : IAsyncLifetime
{
    private const string FromProviders = """
        metadata:
          name: apps
        spec:
          inputsFrom:
            - selector:
                matchLabels:
                  my: tenant
          resources:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: cm-<< inputs.id >>
                namespace: ns
              data:
                provider: << inputs.provider.name >>
                foo: << inputs.foo >>
        """;

    private SetCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SetCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Provider_changes_render_apply_and_prune_and_no_provider_left_empties_the_set()
    {
        _cluster.Set(FromProviders);
        await _cluster.InstallAsync("apps");
        Assert.Equal("True", _cluster.Ready("apps").Status);
        Assert.Empty(_cluster.Inventory("apps"));

        _cluster.Provider("app-1", "[{id: \"1\", foo: bar}]", "{my: tenant}");
        _cluster.Provider("app-2", "[{id: \"2\", foo: qux}]", "{my: tenant}");
        _cluster.Provider("other", "[{id: \"3\", foo: nope}]", "{my: other}");
        await _cluster.PassAsync("apps");

        Assert.Equal(["ns_cm-1__ConfigMap", "ns_cm-2__ConfigMap"], _cluster.Inventory("apps").Order(StringComparer.Ordinal));
        var cm = _cluster.Get("v1", "ConfigMap", "cm-2")!;
        Assert.Equal(("app-2", "qux"), (cm["data"]!["provider"]!.GetValue<string>(), cm["data"]!["foo"]!.GetValue<string>()));

        _cluster.Api.Delete(SetCluster.ApiVersion, "ResourceSetInputProvider", SetCluster.Namespace, "app-1");
        await _cluster.PassAsync("apps");
        Assert.Equal(["ns_cm-2__ConfigMap"], _cluster.Inventory("apps"));
        Assert.Null(_cluster.Get("v1", "ConfigMap", "cm-1"));

        _cluster.Api.Delete(SetCluster.ApiVersion, "ResourceSetInputProvider", SetCluster.Namespace, "app-2");
        await _cluster.PassAsync("apps");
        Assert.Empty(_cluster.Inventory("apps"));
        Assert.Null(_cluster.Get("v1", "ConfigMap", "cm-2"));
    }

    [Fact]
    public async Task A_missing_named_provider_stalls_the_set_with_the_api_answer()
    {
        _cluster.Set(FromProviders.Replace("- selector:\n        matchLabels:\n          my: tenant", "- name: podinfo-prs", StringComparison.Ordinal));

        await _cluster.PassAsync("apps");
        var failure = await Assert.ThrowsAsync<TerminalException>(() => _cluster.PassAsync("apps"));

        Assert.Equal("failed to compute inputs: failed to get provider ns/podinfo-prs: resourcesetinputproviders.fluxcd.controlplane.io \"podinfo-prs\" not found", failure.Message);
        Assert.Equal(("False", "BuildFailed", failure.Message), _cluster.Ready("apps"));
    }

    [Fact]
    public async Task Unmet_dependency_holds_the_set_back_until_it_exists()
    {
        _cluster.Set("""
            metadata:
              name: gated
            spec:
              dependsOn:
                - apiVersion: v1
                  kind: ServiceAccount
                  name: test
                  namespace: ns
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: gated
                    namespace: ns
            """);
        await _cluster.PassAsync("gated");

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)), await _cluster.PassAsync("gated"));
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)), await _cluster.PassAsync("gated"));

        var (status, reason, message) = _cluster.Ready("gated");
        Assert.Equal(("False", "DependencyNotReady"), (status, reason));
        Assert.Equal("Retrying dependency check: dependency v1/ServiceAccount/ns/test not found: serviceaccounts \"test\" not found", message);
        Assert.Single(_cluster.Events.All, e => e.Reason == "DependencyNotReady");
        Assert.Null(_cluster.Get("v1", "ConfigMap", "gated"));

        _cluster.Api.SeedYaml("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: test\n  namespace: ns\n");
        await _cluster.PassAsync("gated");

        Assert.Equal("ReconciliationSucceeded", _cluster.Ready("gated").Reason);
        Assert.NotNull(_cluster.Get("v1", "ConfigMap", "gated"));
    }

    [Fact]
    public async Task Steps_apply_in_order_with_one_event_per_step_and_a_renamed_object_is_replaced()
    {
        const string Steps = """
            metadata:
              name: steps
            spec:
              wait: true
              inputs:
                - tenant: team1
              steps:
                - name: pre-deploy
                  resourcesTemplate: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: << inputs.tenant >>-pre
                      namespace: ns
                - name: deploy
                  resources:
                    - apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: << inputs.tenant >>-app
                        namespace: ns
                - name: post-deploy
                  resourcesTemplate: |
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: << inputs.tenant >>-post
                      namespace: ns
            """;
        _cluster.Set(Steps);
        await _cluster.InstallAsync("steps");

        Assert.Equal(3, _cluster.Inventory("steps").Count);
        Assert.Equal("3", _cluster.Stored("steps")["status"]!["history"]![0]!["metadata"]!["steps"]!.GetValue<string>());
        Assert.Collection(_cluster.Events.All,
            e => Assert.Equal("step \"pre-deploy\": ConfigMap/ns/team1-pre created", e.Message),
            e => Assert.Equal("step \"deploy\": ConfigMap/ns/team1-app created", e.Message),
            e => Assert.Equal("ConfigMap/ns/team1-post created", e.Message),
            e => Assert.Equal("ReconciliationSucceeded", e.Reason));

        _cluster.Set(Steps.Replace("-post\n", "-post2\n", StringComparison.Ordinal));
        await _cluster.PassAsync("steps");

        Assert.Equal(3, _cluster.Inventory("steps").Count);
        Assert.Equal(6, _cluster.Events.All.Count);
        Assert.Contains("ConfigMap/ns/team1-post2 created", _cluster.Events.All[4].Message, StringComparison.Ordinal);
        Assert.Contains("ConfigMap/ns/team1-post deleted", _cluster.Events.All[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_that_never_becomes_ready_blocks_the_later_steps_and_keeps_the_union_inventory()
    {
        const string Blocking = """
            metadata:
              name: blocked
            spec:
              steps:
                - name: first
                  timeout: 1s
                  resources:
                    - apiVersion: apps/v1
                      kind: Deployment
                      metadata:
                        name: blocking
                        namespace: ns
                      spec:
                        selector:
                          matchLabels: {app: blocking}
                        template:
                          metadata:
                            labels: {app: blocking}
                          spec:
                            containers:
                              - name: main
                                image: busybox
                - name: second
                  resources:
                    - apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: cm3
                        namespace: ns
            """;
        _cluster.Set(Blocking);
        await _cluster.PassAsync("blocked");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => _cluster.PassAsync("blocked"));

        Assert.True(failure.Message.StartsWith("reconciliation failed: step \"first\" health check failed: timeout waiting for: [Deployment/ns/blocking status: 'InProgress']", StringComparison.Ordinal), failure.Message);
        Assert.Equal(("False", "ReconciliationFailed"), (_cluster.Ready("blocked").Status, _cluster.Ready("blocked").Reason));
        Assert.Null(_cluster.Get("v1", "ConfigMap", "cm3"));
        Assert.Equal(["ns_blocking_apps_Deployment"], _cluster.Inventory("blocked"));
    }
}
