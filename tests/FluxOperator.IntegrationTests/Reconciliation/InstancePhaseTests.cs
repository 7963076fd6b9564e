using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Reconciliation.Phases;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Reporting;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Reporting;
using FluxOperator.IntegrationTests.Runtime;
using KubeApiEmulator.Simulation;
using Microsoft.Extensions.DependencyInjection;
using OciRegistryFixture;

namespace FluxOperator.IntegrationTests.Reconciliation;

/// <summary>
/// Each phase of a FluxInstance pass run alone over a hand-made <see cref="InstancePass"/>, against the in-process API
/// emulator, with the phases composed as the operator composes them; and the pipeline's extension points.
/// </summary>
public sealed class InstancePhaseTests : EmulatorRun, IDisposable
{
    private const string Ns = "flux-system";
    private static readonly ObjectKey Key = new(Ns, "flux");
    private static readonly IntervalFloors ShortTimeouts = IntervalFloors.Default with { Timeout = TimeSpan.FromMilliseconds(100) };
    private readonly string _cache = Directory.CreateTempSubdirectory("instance-phases-").FullName;
    private ArtifactStore? _artifacts;
    private bool _crdsSeeded;

    public void Dispose()
    {
        _artifacts?.Dispose();
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public void The_pipeline_runs_the_built_in_phases_in_pass_order_with_an_approval_phase_between_build_and_apply()
    {
        // Registered before the built-in phases: the step, not the registration order, places it.
        using var services = Compose(s => s.AddSingleton<IInstancePhase>(new StepPhase(InstanceStep.Approval, _ => PhaseResult.Continue)));

        var order = services.GetRequiredService<InstancePipeline>().Phases.Select(p => p.GetType().Name);

        Assert.Equal(
            ["ProgressPhase", "SourcePhase", "SpecCheckPhase", "BuildPhase", "StepPhase", "ApplyPhase", "PrunePhase", "HealthPhase", "MigrationPhase", "CompletionPhase"],
            order);
    }

    [Fact]
    public async Task The_progress_phase_writes_ready_unknown_and_reconciling_at_once()
    {
        Seed();
        using var services = Compose();
        var pass = await PassAsync();

        await Phase<ProgressPhase>(services).RunAsync(pass, default);

        Assert.Equal("Unknown", StoredCondition(ConditionTypes.Ready)?["status"]?.GetValue<string>());
        Assert.Equal("Progressing", StoredCondition(ConditionTypes.Reconciling)?["reason"]?.GetValue<string>());
    }

    [Fact]
    public async Task Without_an_artifact_the_source_phase_resolves_the_embedded_store()
    {
        Seed();
        using var services = Compose();
        var pass = await PassAsync();

        await Phase<SourcePhase>(services).RunAsync(pass, default);

        Assert.Equal(SharedDistribution.Root, pass.Source.Root);
        Assert.Equal("", pass.Source.ArtifactDigest);
    }

    [Fact]
    public async Task An_unusable_artifact_reference_fails_the_source_phase_for_a_retry()
    {
        Seed(artifact: "oci://registry.invalid/flux:::bad");
        using var services = Compose();
        var pass = await PassAsync();

        var failure = await Assert.ThrowsAsync<PhaseFailure>(() => Phase<SourcePhase>(services).RunAsync(pass, default));

        Assert.Equal(ConditionReasons.ArtifactFailed, failure.Reason);
        Assert.False(failure.Terminal);
        Assert.StartsWith("fetch failed: pulling artifact oci://registry.invalid/flux:::bad failed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_spec_stops_at_the_spec_check_as_terminal_and_is_recorded_in_history()
    {
        Seed(extraSpec: "  sharding:\n    shards: []\n");
        using var services = Compose();
        var pass = await PassAsync();

        var failure = await Assert.ThrowsAsync<PhaseFailure>(() => Phase<SpecCheckPhase>(services).RunAsync(pass, default));

        Assert.True(failure.Terminal);
        Assert.Equal(ConditionReasons.BuildFailed, failure.Reason);
        Assert.StartsWith("build failed: invalid spec: ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionReasons.BuildFailed, Assert.Single(pass.Status.History!).LastReconciledStatus);
    }

    [Fact]
    public async Task The_build_phase_builds_the_requested_version_and_says_when_a_newer_one_exists()
    {
        Seed(version: "2.6.x");
        using var services = Compose();
        var pass = await PassAsync();
        await Phase<SourcePhase>(services).RunAsync(pass, default);

        await Phase<BuildPhase>(services).RunAsync(pass, default);

        Assert.StartsWith("v2.6.", pass.Build.Result.Version, StringComparison.Ordinal);
        Assert.Contains(pass.Build.Result.Objects, o => o["kind"]?.GetValue<string>() == "Deployment" && o["metadata"]?["name"]?.GetValue<string>() == "source-controller");
        var outdated = Assert.Single(Events(), e => e["reason"]?.GetValue<string>() == ConditionReasons.OutdatedVersion);
        Assert.Contains($"Flux {pass.Build.Result.Version} is outdated", outdated["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_apply_phase_announces_the_revision_writes_the_objects_and_lists_them_in_the_inventory()
    {
        Seed();
        using var services = Compose();
        var pass = await PassAsync();
        await RunAsync(services, pass, typeof(SourcePhase), typeof(BuildPhase));

        await Phase<ApplyPhase>(services).RunAsync(pass, default);

        Assert.Equal(pass.Build.Result.Revision, pass.Status.LastAttemptedRevision);
        Assert.NotNull(Api.Get("apps/v1", "Deployment", Ns, "source-controller"));
        Assert.Equal(pass.Applied.Entries.Count, pass.Status.Inventory!.Entries.Count);
        Assert.Contains(Events(), e => e["message"]?.GetValue<string>() == $"Installing revision {pass.Build.Result.Revision}");
    }

    [Fact]
    public async Task The_prune_phase_deletes_what_the_previous_inventory_lists_and_the_build_no_longer_renders()
    {
        Seed(components: "[source-controller, kustomize-controller]");
        using var services = Compose();
        var first = await PassAsync();
        await RunAsync(services, first, typeof(SourcePhase), typeof(BuildPhase), typeof(ApplyPhase), typeof(PrunePhase));
        Assert.NotNull(Api.Get("apps/v1", "Deployment", Ns, "kustomize-controller"));

        Seed(components: "[source-controller]");
        var second = await PassAsync(previous: first.Status);
        await RunAsync(services, second, typeof(SourcePhase), typeof(BuildPhase), typeof(ApplyPhase));
        await Phase<PrunePhase>(services).RunAsync(second, default);

        Assert.Null(Api.Get("apps/v1", "Deployment", Ns, "kustomize-controller"));
        Assert.NotNull(Api.Get("apps/v1", "Deployment", Ns, "source-controller"));
        Assert.Contains(second.Pruned.ChangeSet.Entries, e => e.ToString().Contains("kustomize-controller", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Status.Inventory!.Entries, e => e.Id.Contains("kustomize-controller", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_rollout_is_left_to_the_recovery_step_instead_of_being_thrown()
    {
        Seed(wait: true);
        Api.Deployments.Enabled = true;
        Api.SetDeploymentMode(Ns, "source-controller", DeploymentMode.Failed);
        using var services = Compose();
        var pass = await PassAsync();
        await RunAsync(services, pass, typeof(SourcePhase), typeof(BuildPhase), typeof(ApplyPhase), typeof(PrunePhase));

        var result = await Phase<HealthPhase>(services).RunAsync(pass, default);

        Assert.False(result.EndsPass);
        Assert.NotNull(pass.HealthFailure);
        Assert.Equal(ConditionReasons.ReconciliationFailed, pass.HealthFailure.Reason);
        Assert.Contains("source-controller", pass.HealthFailure.Message, StringComparison.Ordinal);
        Assert.Equal(ConditionReasons.ReconciliationFailed, Assert.Single(pass.Status.History!).LastReconciledStatus);
    }

    [Fact]
    public async Task A_superseded_pass_gives_up_its_health_wait_and_runs_again_at_once()
    {
        Seed(wait: true); // without the Deployment simulation nothing ever becomes ready
        using var services = Compose();
        var pass = await PassAsync(superseded: new CancellationToken(canceled: true));
        await RunAsync(services, pass, typeof(SourcePhase), typeof(BuildPhase), typeof(ApplyPhase), typeof(PrunePhase));

        var result = await Phase<HealthPhase>(services).RunAsync(pass, default);

        Assert.True(result.EndsPass);
        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromTicks(1)), result.Result);
        Assert.Equal(ConditionReasons.HealthCheckCanceled, pass.Status.Condition(ConditionTypes.Ready)?.Reason);
        Assert.Null(pass.HealthFailure);
    }

    [Fact]
    public async Task An_unhandled_health_failure_fails_the_pass_with_ready_false_and_a_retry()
    {
        Seed(wait: true);
        Api.Deployments.Enabled = true;
        Api.SetDeploymentMode(Ns, "source-controller", DeploymentMode.Failed);
        using var services = Compose();
        var reconciler = services.GetRequiredService<FluxInstanceReconciler>();

        await reconciler.ReconcileAsync(Key, default); // adds the finalizer
        var failure = await Assert.ThrowsAsync<PhaseFailure>(() => reconciler.ReconcileAsync(Key, default));

        Assert.False(failure.Terminal);
        Assert.Equal("False", StoredCondition(ConditionTypes.Ready)?["status"]?.GetValue<string>());
        Assert.Equal(ConditionReasons.ReconciliationFailed, StoredCondition(ConditionTypes.Ready)?["reason"]?.GetValue<string>());
        Assert.Equal(ConditionReasons.ProgressingWithRetry, StoredCondition(ConditionTypes.Reconciling)?["reason"]?.GetValue<string>());
        Assert.Null(StoredCondition(ConditionTypes.Stalled));
        Assert.Null(Stored()["status"]?["lastAppliedRevision"]);
    }

    [Fact]
    public async Task A_recovery_phase_sees_the_health_failure_and_once_it_is_handled_the_pass_completes()
    {
        Seed(wait: true);
        Api.Deployments.Enabled = true;
        Api.SetDeploymentMode(Ns, "source-controller", DeploymentMode.Failed);
        PhaseFailure? seen = null;
        using var services = Compose(s => s.AddSingleton<IInstancePhase>(new StepPhase(InstanceStep.Recovery, pass =>
        {
            seen = pass.HealthFailure;
            pass.HealthFailure = null;
            return PhaseResult.Continue;
        })));
        var reconciler = services.GetRequiredService<FluxInstanceReconciler>();

        await reconciler.ReconcileAsync(Key, default);
        await reconciler.ReconcileAsync(Key, default);

        Assert.NotNull(seen);
        Assert.Contains("source-controller", seen.Message, StringComparison.Ordinal);
        Assert.Equal("True", StoredCondition(ConditionTypes.Ready)?["status"]?.GetValue<string>());
        Assert.Null(StoredCondition(ConditionTypes.Reconciling));
    }

    [Fact]
    public async Task An_approval_phase_that_ends_the_pass_keeps_the_cluster_untouched_and_announces_no_revision()
    {
        Seed();
        BuildOutcome? decidedOn = null;
        using var services = Compose(s => s.AddSingleton<IInstancePhase>(new StepPhase(InstanceStep.Approval, pass =>
        {
            decidedOn = pass.Build;
            return PhaseResult.EndPass(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1)));
        })));
        var reconciler = services.GetRequiredService<FluxInstanceReconciler>();

        await reconciler.ReconcileAsync(Key, default);
        var result = await reconciler.ReconcileAsync(Key, default);

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1)), result);
        Assert.NotNull(decidedOn);
        Assert.Empty(Api.List("apps/v1", "Deployment", Ns));
        Assert.Null(Stored()["status"]?["lastAttemptedRevision"]);
        Assert.DoesNotContain(Events(), e => e["message"]?.GetValue<string>()?.StartsWith("Installing revision", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_healthy_pass_completes_with_ready_true_the_applied_revision_and_one_change_event()
    {
        Seed(wait: true);
        Api.Deployments.Enabled = true;
        using var services = Compose();
        var reconciler = services.GetRequiredService<FluxInstanceReconciler>();

        await reconciler.ReconcileAsync(Key, default);
        await reconciler.ReconcileAsync(Key, default);

        var status = Stored()["status"]!;
        Assert.Equal(status["lastAttemptedRevision"]?.GetValue<string>(), status["lastAppliedRevision"]?.GetValue<string>());
        Assert.Equal("True", StoredCondition(ConditionTypes.Ready)?["status"]?.GetValue<string>());
        Assert.Single(Events(), e => e["message"]?.GetValue<string>()?.StartsWith("Flux v", StringComparison.Ordinal) == true
            && e["message"]!.GetValue<string>().Contains(" installed\n", StringComparison.Ordinal));
    }

    private ServiceProvider Compose(Action<IServiceCollection>? extra = null)
    {
        _artifacts ??= new ArtifactStore(new ArtifactStoreOptions { CacheDirectory = _cache }, TimeProvider.System);
        var services = InstanceServices.Basics(Client, _artifacts);
        extra?.Invoke(services);
        return services.AddFluxInstanceReconciler(new FluxInstanceReconcilerOptions
        {
            Namespace = Ns,
            StoragePath = SharedDistribution.Root,
            HealthPollInterval = TimeSpan.FromMilliseconds(50),
            IntervalFloors = ShortTimeouts,
        }).BuildServiceProvider();
    }

    private static T Phase<T>(IServiceProvider services)
        where T : IInstancePhase => services.GetServices<IInstancePhase>().OfType<T>().Single();

    private static async Task RunAsync(IServiceProvider services, InstancePass pass, params Type[] phases)
    {
        foreach (var type in phases)
        {
            await services.GetServices<IInstancePhase>().Single(p => p.GetType() == type).RunAsync(pass, default);
        }
    }

    private async Task<InstancePass> PassAsync(FluxInstanceStatus? previous = null, CancellationToken superseded = default)
    {
        var instance = (await Client.GetAsync(OperatorResources.FluxInstance, Ns, "flux", default))!.Deserialize<FluxInstance>(ApiJson.Options)!;
        if (previous is not null)
        {
            instance.Status = previous;
        }

        return new InstancePass(instance, TimeProvider.System.GetTimestamp(), ShortTimeouts) { Superseded = superseded };
    }

    /// <summary>Seeds (or replaces) a small <c>flux-system/flux</c>: one or two controllers, no network policies.</summary>
    private void Seed(string version = "2.x", string components = "[source-controller]", bool wait = false, string? artifact = null, string extraSpec = "")
    {
        if (Api.Get("v1", "Namespace", null, Ns) is null)
        {
            Api.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Ns } });
        }

        if (!_crdsSeeded)
        {
            FluxSeed.SeedCrds(Api);
            _crdsSeeded = true;
        }

        var artifactLine = artifact is null ? "" : $"\n    artifact: \"{artifact}\"";
        var instance = YamlDocuments.ParseObjects($"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: flux
              namespace: {Ns}
              annotations:
                fluxcd.controlplane.io/reconcileTimeout: 2s
            spec:
              wait: {(wait ? "true" : "false")}
              components: {components}
              distribution:
                version: "{version}"
                registry: ghcr.io/fluxcd{artifactLine}
              cluster:
                networkPolicy: false
            {extraSpec}
            """).Single();

        // Seeding skips the API's validation, so the spec check meets an invalid spec as a cluster without it would pass it.
        if (Api.Get("fluxcd.controlplane.io/v1", FluxInstance.KubeKind, Ns, "flux") is null)
        {
            Api.Seed(instance);
        }
        else
        {
            Api.Apply(instance);
        }
    }

    private JsonObject Stored() => Api.Get("fluxcd.controlplane.io/v1", "FluxInstance", Ns, "flux")!;

    private JsonObject? StoredCondition(string type) =>
        (Stored()["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    private IReadOnlyList<JsonObject> Events() => Api.List("v1", "Event", Ns);

    /// <summary>A phase plugged into an extension point, as the approval gate and the rollback will be.</summary>
    private sealed class StepPhase(InstanceStep step, Func<InstancePass, PhaseResult> run) : IInstancePhase
    {
        public InstanceStep Step => step;

        public Task<PhaseResult> RunAsync(InstancePass pass, CancellationToken cancellationToken) => Task.FromResult(run(pass));
    }
}
