using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Reporting;
using FluxOperator.IntegrationTests.Runtime;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Reconciliation;

/// <summary>
/// The reconciler's spec check, run in-process against the API emulator: a patch target is judged by the same
/// selector and RE2 parsers as <c>validate</c> and the build, and the verdict lands in the instance's conditions.
/// </summary>
public sealed class FluxInstanceSpecCheckTests : EmulatorRun, IDisposable
{
    private static readonly ObjectKey Key = new("flux-system", "flux");
    private readonly string _cache = Directory.CreateTempSubdirectory("spec-check-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Theory]
    [InlineData("labelSelector", "replicas>1")]
    [InlineData("name", "(?P<n>source)-controller")]
    public async Task A_valid_target_passes_the_spec_check_and_the_instance_becomes_ready(string field, string value)
    {
        var reconciler = Seed(field, value);

        await reconciler.ReconcileAsync(Key, default); // adds the finalizer
        await reconciler.ReconcileAsync(Key, default);

        Assert.Equal("True", Condition(ConditionTypes.Ready)?["status"]?.GetValue<string>());
        Assert.Null(Condition(ConditionTypes.Stalled));
    }

    [Fact]
    public async Task A_lookahead_stalls_the_instance_with_the_message_validate_prints()
    {
        var reconciler = Seed("name", "(?=x)");

        await reconciler.ReconcileAsync(Key, default);
        var failure = await Assert.ThrowsAsync<TerminalException>(() => reconciler.ReconcileAsync(Key, default));

        const string goMessage = "error parsing regexp: invalid or unsupported Perl syntax: `(?=`";
        Assert.Contains(goMessage, failure.Message, StringComparison.Ordinal);
        Assert.Equal("True", Condition(ConditionTypes.Stalled)?["status"]?.GetValue<string>());
        Assert.Contains(goMessage, Condition(ConditionTypes.Ready)?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Api.List("apps/v1", "Deployment", "flux-system"));
    }

    private FluxInstanceReconciler Seed(string field, string value)
    {
        if (Api.Get("v1", "Namespace", null, "flux-system") is null)
        {
            Api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "flux-system" } });
        }

        FluxSeed.SeedCrds(Api);
        Api.Seed(YamlDocuments.ParseObjects($"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: flux
              namespace: flux-system
            spec:
              wait: false
              distribution:
                version: "2.x"
                registry: ghcr.io/fluxcd
              cluster:
                networkPolicy: false
              kustomize:
                patches:
                  - target:
                      kind: Deployment
                      {field}: '{value}'
                    patch: |
                      - op: add
                        path: /metadata/labels/patched
                        value: "true"
            """).Single());
        var time = TimeProvider.System;
        var artifacts = new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = _cache }, time);
        return InstanceServices.Reconciler(Client, artifacts, new FluxInstanceReconcilerOptions { Namespace = "flux-system", StoragePath = SharedDistribution.Root }, time);
    }

    private JsonObject? Condition(string type) =>
        (Api.Get("fluxcd.controlplane.io/v1", "FluxInstance", "flux-system", "flux")?["status"]?["conditions"] as JsonArray)?
            .OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
}
