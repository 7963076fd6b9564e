using FluxOperator.Controllers.Reconciliation;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>
/// <c>fluxcd.controlplane.io/force: enabled</c>: an apply that changes an immutable field (a Deployment's selector, which
/// the emulator refuses like the API server) recreates the object when opted in, and fails without deleting anything otherwise.
/// </summary>
public sealed class ResourceSetForceRecreationTests : IAsyncLifetime
{
    private SetCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SetCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string App(string selector, string setAnnotations = "{}", string objectAnnotations = "{}") => $$"""
        metadata:
          name: app
          annotations: {{setAnnotations}}
        spec:
          inputs:
            - selector: {{selector}}
          resources:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: settings
                namespace: ns
              data:
                selector: << inputs.selector >>
            - apiVersion: apps/v1
              kind: Deployment
              metadata:
                name: web
                namespace: ns
                annotations: {{objectAnnotations}}
              spec:
                selector:
                  matchLabels:
                    app: << inputs.selector >>
                template:
                  metadata:
                    labels:
                      app: << inputs.selector >>
                  spec:
                    containers:
                      - name: web
                        image: nginx:1
        """;

    private string Uid(string kind, string name, string apiVersion) =>
        _cluster.Get(apiVersion, kind, name)!["metadata"]!["uid"]!.GetValue<string>();

    [Theory]
    [InlineData("set")]
    [InlineData("object")]
    public async Task Forced_set_or_object_recreates_the_object_whose_immutable_selector_changed(string where)
    {
        const string force = "{fluxcd.controlplane.io/force: Enabled}";
        var setAnnotations = where == "set" ? force : "{}";
        var objectAnnotations = where == "object" ? force : "{}";
        _cluster.Set(App("blue", setAnnotations, objectAnnotations));
        await _cluster.InstallAsync("app");
        Assert.Equal("True", _cluster.Ready("app").Status);
        var deployment = Uid("Deployment", "web", "apps/v1");
        var settings = Uid("ConfigMap", "settings", "v1");

        _cluster.Set(App("green", setAnnotations, objectAnnotations));
        await _cluster.PassAsync("app");

        Assert.Equal("True", _cluster.Ready("app").Status);
        var live = _cluster.Get("apps/v1", "Deployment", "web")!;
        Assert.Equal("green", live["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.NotEqual(deployment, Uid("Deployment", "web", "apps/v1"));
        Assert.Equal(settings, Uid("ConfigMap", "settings", "v1"));
        Assert.Contains("ns_web_apps_Deployment", _cluster.Inventory("app"));
    }

    [Fact]
    public async Task Without_force_an_immutable_change_fails_with_the_api_message_and_deletes_nothing()
    {
        _cluster.Set(App("blue"));
        await _cluster.InstallAsync("app");
        var deployment = Uid("Deployment", "web", "apps/v1");

        _cluster.Set(App("green"));
        var failure = await Assert.ThrowsAsync<PhaseFailure>(() => _cluster.PassAsync("app"));

        var (status, reason, message) = _cluster.Ready("app");
        Assert.Equal(("False", "ReconciliationFailed"), (status, reason));
        Assert.Contains("Deployment/ns/web dry-run failed", message, StringComparison.Ordinal);
        Assert.Contains("spec.selector: Invalid value:", message, StringComparison.Ordinal);
        Assert.Contains("field is immutable", message, StringComparison.Ordinal);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
        var live = _cluster.Get("apps/v1", "Deployment", "web")!;
        Assert.Equal(deployment, live["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("blue", live["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("blue", _cluster.Get("v1", "ConfigMap", "settings")!["data"]!["selector"]!.GetValue<string>());
    }
}
