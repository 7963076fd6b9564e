using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Distribution.Oci;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.Commands;
using KubeApiEmulator.Simulation;
using OciRegistryFixture;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>The approval gate and the automatic rollback through the real executable, a real registry and the emulator.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SafeUpgradeTests : IDisposable
{
    private readonly DistributionTrees _trees = new();

    [Fact]
    public async Task Newer_release_under_the_same_tag_waits_for_approval_while_the_installed_version_stays_ready_and_rolls_out_once_approved()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true);
        var reference = OciReference.Parse($"oci://{registry.Host}/controlplaneio-fluxcd/flux-operator-manifests:latest");
        var options = new OciClientOptions { CaCertificates = [X509CertificateLoader.LoadCertificate(registry.Certificates!.Ca.RawData)] };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var first = await _trees.PublishAsync(client, reference, "v2.9.2");

        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster, new Dictionary<string, string> { ["SSL_CERT_FILE"] = registry.Certificates.CaFile }, false, "--interval-floor=1s");
        await cluster.ApplyAsync(Instance("2.9.x", "[source-controller, kustomize-controller]",
            annotations: "    fluxcd.controlplane.io/upgradeApproval: required\n    fluxcd.controlplane.io/reconcileArtifactEvery: 1s\n",
            extraSpec: "").Replace("    registry: ghcr.io/fluxcd\n", $"    registry: ghcr.io/fluxcd\n    artifact: {reference.ToUrl()}\n", StringComparison.Ordinal));
        var installed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastArtifactRevision"]) == first ? i : null,
            "v2.9.2 is installed from the artifact", op);
        Assert.StartsWith("v2.9.2@sha256:", Text(installed["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);
        Assert.Null(Condition(installed, "UpgradePending"));
        var installedImage = await ImageAsync(cluster, "source-controller");

        // The new artifact holds v2.9.4 only: the installed v2.9.2 is rebuilt from the cached artifact it came from.
        var second = await _trees.PublishAsync(client, reference, "v2.9.4");
        var held = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Condition(i, "UpgradePending") is { } p && Text(p["status"]) == "True" ? i : null,
            "the upgrade to v2.9.4 waits for approval", op);
        var pending = Condition(held, "UpgradePending")!;
        Assert.Equal("AwaitingApproval", Text(pending["reason"]));
        Assert.StartsWith("Flux v2.9.4 is available, v2.9.2 stays installed until fluxcd.controlplane.io/approvedVersion: v2.9.4 approves it. Plan: objects: 0 added, ",
            Text(pending["message"]), StringComparison.Ordinal);
        Assert.Contains("removed; images changed: 2; CRD versions change: none", Text(pending["message"]), StringComparison.Ordinal);
        Assert.StartsWith("v2.9.2@sha256:", Text(held["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);
        Assert.Equal(second, Text(held["status"]!["lastArtifactRevision"]));
        Assert.Equal(installedImage, await ImageAsync(cluster, "source-controller"));

        // The report says an upgrade waits, in the one place that says how the installation stands.
        await Poll.UntilAsync(async () => Text((await cluster.ReportAsync())?["spec"]?["distribution"]?["status"]) is { } status
            && status.StartsWith("Installed (upgrade pending approval: Flux v2.9.4 is available, v2.9.2 stays installed", StringComparison.Ordinal), "the report shows the pending upgrade", op);

        // The plan against the cluster shows what approving means: the installed revision rebuilt from the operator's record.
        var (planCode, plan, planError) = await OperatorCli.RunAsync(Path.GetTempPath(), "plan", "instance", "--kubeconfig", cluster.KubeconfigPath, "-n", "flux-system",
            "--ca-file", registry.Certificates.CaFile);
        Assert.True(planCode == 0, planError);
        Assert.StartsWith($"Installed: {Text(held["status"]!["lastAppliedRevision"])} (rebuilt exactly from the operator's revision record)\nPlan v2.9.2 → v2.9.4: ", plan, StringComparison.Ordinal);
        Assert.Contains("    spec.template.spec.containers[name=manager].image\n", plan, StringComparison.Ordinal);

        // Another pass changes nothing and says nothing new: one event per candidate.
        var again = await RequestPassAsync(cluster, "held-again", op);
        Assert.True(IsReady(again));
        Assert.StartsWith("v2.9.2@sha256:", Text(again["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);
        Assert.Single(await EventsAsync(cluster, "AwaitingApproval"));

        // An approval of another version is stale: ignored, and the condition says so.
        await AnnotateAsync(cluster, "fluxcd.controlplane.io/approvedVersion", "v2.9.3");
        var stale = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && Condition(i, "UpgradePending") is { } p
            && Text(p["message"])!.Contains("the approval of v2.9.3 is stale and ignored", StringComparison.Ordinal) && IsReady(i) ? i : null, "the stale approval is reported", op);
        Assert.StartsWith("v2.9.2@sha256:", Text(stale["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);

        // A config change that does not change the version still applies while the upgrade waits.
        await cluster.Client.PatchAsync(E2eCluster.Instances, E2eCluster.Namespace, "flux", PatchType.Merge,
            JsonNode.Parse("""{"spec":{"components":["source-controller","kustomize-controller","notification-controller"]}}""")!, "e2e-test", CancellationToken.None);
        var reconfigured = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && await cluster.DeploymentAsync("notification-controller") is not null ? i : null,
            "the new component is installed at the held version", op);
        Assert.StartsWith("v2.9.2@sha256:", Text(reconfigured["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);
        Assert.Equal("True", Text(Condition(reconfigured, "UpgradePending")!["status"]));
        Assert.Equal(installedImage, await ImageAsync(cluster, "source-controller"));

        await AnnotateAsync(cluster, "fluxcd.controlplane.io/approvedVersion", "v2.9.4");
        var upgraded = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i)
            && Text(i["status"]!["lastAppliedRevision"])!.StartsWith("v2.9.4@", StringComparison.Ordinal) ? i : null, "the approved v2.9.4 rolls out", op);
        var approved = Condition(upgraded, "UpgradePending")!;
        Assert.Equal(("False", "Approved", "Upgrade from v2.9.2 to v2.9.4 approved"), (Text(approved["status"]), Text(approved["reason"]), Text(approved["message"])));
        Assert.NotEqual(installedImage, await ImageAsync(cluster, "source-controller"));
        await Poll.UntilAsync(async () => Text((await cluster.ReportAsync())?["spec"]?["distribution"]?["status"]) == "Installed", "the report no longer shows a pending upgrade", op);
        Assert.Contains(":v", await ImageAsync(cluster, "source-controller"), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Spec_change_whose_controllers_never_become_ready_rolls_back_to_the_earlier_render_and_is_not_retried_until_the_spec_changes()
    {
        await using var cluster = await E2eCluster.StartAsync();
        cluster.Knobs.SetDeploymentMode("flux-system", "helm-controller", DeploymentMode.Unready);
        await using var op = OperatorProcess.Start(cluster);
        const string annotations = "    fluxcd.controlplane.io/rollbackOnFailure: enabled\n    fluxcd.controlplane.io/reconcileTimeout: 2s\n";
        var earlier = Instance("2.9.x", "[source-controller, kustomize-controller]", annotations);
        await cluster.ApplyAsync(earlier);
        var healthy = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the first revision is healthy", op);
        var restoredRevision = Text(healthy["status"]!["lastAppliedRevision"])!;

        await cluster.ApplyAsync(Instance("2.9.x", "[source-controller, kustomize-controller, helm-controller]", annotations));
        var rolledBack = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i, "False", "RolledBack") ? i : null,
            "the failed revision is rolled back", op, TimeSpan.FromSeconds(60));
        var failedRevision = ((JsonArray)rolledBack["status"]!["history"]!).Select(h => h!.AsObject())
            .Single(h => Text(h["lastReconciledStatus"]) == "ReconciliationFailed");
        var message = Text(Condition(rolledBack, "Ready")!["message"])!;
        Assert.StartsWith($"rolled back from revision v2.9.4@{Text(failedRevision["digest"])} to revision {restoredRevision} (Flux v2.9.4): reconciliation failed: timeout waiting for: [", message, StringComparison.Ordinal);
        Assert.Contains("Deployment/flux-system/helm-controller status: 'InProgress'", message, StringComparison.Ordinal);
        Assert.Equal("RolledBack", Text(Condition(rolledBack, "Stalled")!["reason"]));
        Assert.Equal(restoredRevision, Text(rolledBack["status"]!["lastAppliedRevision"]));
        Assert.Equal("RolledBack", Text(rolledBack["status"]!["history"]![0]!["lastReconciledStatus"]));
        Assert.Single(await EventsAsync(cluster, "RolledBack"));

        // The cluster holds the earlier render again: its objects, field by field, and nothing else of ours.
        await AssertClusterHoldsAsync(cluster, earlier, rolledBack);
        Assert.Null(await cluster.DeploymentAsync("helm-controller"));

        // A new pass with the same spec re-applies the restored revision and never touches the failed one.
        var mark = cluster.Knobs.Requests.Records.Count;
        var held = await RequestPassAsync(cluster, "after-rollback", op);
        Assert.True(IsReady(held, "False", "RolledBack"));
        Assert.DoesNotContain(cluster.Knobs.Requests.Records.Skip(mark), r => r.Path.EndsWith("/deployments/helm-controller", StringComparison.Ordinal));
        Assert.Single(await EventsAsync(cluster, "RolledBack"));
        Assert.Single(await cluster.EventsAsync(), e => Text(e["message"])!.StartsWith("Upgrading to revision v2.9.4@" + Text(failedRevision["digest"]), StringComparison.Ordinal));

        // A spec change is a new revision: it rolls out, and the instance is Ready again.
        await cluster.ApplyAsync(Instance("2.9.x", "[source-controller, kustomize-controller, notification-controller]", annotations));
        var recovered = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the next spec change rolls out", op);
        Assert.Null(Condition(recovered, "Stalled"));
        Assert.NotNull(await cluster.DeploymentAsync("notification-controller"));
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task Record_edited_in_the_namespace_is_not_applied_when_the_instance_history_does_not_vouch_for_it()
    {
        await using var cluster = await E2eCluster.StartAsync();
        cluster.Knobs.SetDeploymentMode("flux-system", "helm-controller", DeploymentMode.Unready);
        const string annotations = "    fluxcd.controlplane.io/rollbackOnFailure: enabled\n    fluxcd.controlplane.io/reconcileTimeout: 2s\n";
        await using (var first = OperatorProcess.Start(cluster))
        {
            await cluster.ApplyAsync(Instance("2.9.x", "[source-controller, kustomize-controller]", annotations));
            await Poll.UntilAsync(async () => IsReady(await cluster.InstanceAsync()) && await cluster.Client.GetAsync(ConfigMaps, "flux-system", "flux-revisions", CancellationToken.None) is not null,
                "the first revision is healthy and recorded", first);
            await first.StopAsync();
        }

        // Someone who may edit ConfigMaps in the namespace swaps in a spec of their own, with its true revision.
        var forgedYaml = Instance("2.9.4", "[source-controller, kustomize-controller, notification-controller]");
        var forged = Controllers.Rendering.FluxInstanceBuilder.Build(Controllers.Api.V1.ApiYaml.ReadFluxInstance(forgedYaml), new Controllers.Rendering.BuildSources(SharedDistribution.Root)).Result;
        var record = new Controllers.Reconciliation.Upgrades.RevisionRecord(
            new Controllers.Reconciliation.Upgrades.HealthyRevision(forged.Revision, forged.Version, "", Controllers.Api.V1.ApiYaml.ReadFluxInstance(forgedYaml).Spec), null);
        await cluster.Client.PatchAsync(ConfigMaps, "flux-system", "flux-revisions", PatchType.Merge,
            new JsonObject { ["data"] = new JsonObject { ["record.json"] = record.ToJson() } }, "intruder", CancellationToken.None);

        // The change is in place before the operator starts, so its first pass is the failing one (a healthy pass would
        // rewrite the record).
        await cluster.ApplyAsync(Instance("2.9.x", "[source-controller, kustomize-controller, helm-controller]", annotations));
        await using var op = OperatorProcess.Start(cluster);
        var failed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i, "False", "ReconciliationFailed") ? i : null,
            "the failed revision is reported, not rolled back", op, TimeSpan.FromSeconds(60));
        Assert.Contains($"; rollback to {forged.Revision} refused: the instance's history does not list it as healthy", Text(Condition(failed, "Ready")!["message"]), StringComparison.Ordinal);
        Assert.Null(await cluster.DeploymentAsync("notification-controller"));
        Assert.Empty(await EventsAsync(cluster, "RolledBack"));
    }

    private static readonly Controllers.Primitives.ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);

    public void Dispose() => _trees.Dispose();

    /// <summary>Every object of the offline render (the real executable's <c>build instance</c>) is live with its fields, and the inventory lists exactly them.</summary>
    private static async Task AssertClusterHoldsAsync(E2eCluster cluster, string instanceYaml, JsonObject instance)
    {
        var folder = Directory.CreateTempSubdirectory("flux-operator-e2e-render-");
        try
        {
            var file = Path.Combine(folder.FullName, "instance.yaml");
            await File.WriteAllTextAsync(file, instanceYaml);
            var (exit, output, error) = await OperatorCli.RunAsync(folder.FullName, "build", "instance", "-f", file, "--distribution", SharedDistribution.Root);
            Assert.True(exit == 0, error);
            var rendered = YamlDocuments.ParseObjects(output);
            Assert.Equal(
                rendered.Select(o => Controllers.Primitives.ObjectId.Of(o).ToString()).Order(StringComparer.Ordinal),
                InventoryIds(instance).Order(StringComparer.Ordinal));
            foreach (var obj in rendered)
            {
                var type = await cluster.Client.Mapper.MapAsync(obj, CancellationToken.None);
                var live = await cluster.Client.GetAsync(type, Text(obj["metadata"]!["namespace"]), Text(obj["metadata"]!["name"])!, CancellationToken.None);
                Assert.NotNull(live);
                AssertContains(obj, live!, $"{obj["kind"]}/{obj["metadata"]!["name"]}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void AssertContains(JsonNode expected, JsonNode actual, string path)
    {
        switch (expected)
        {
            case JsonObject e:
                foreach (var (key, value) in e)
                {
                    Assert.True(actual is JsonObject a && a.ContainsKey(key), $"{path}.{key} is missing");
                    AssertContains(value!, actual[key]!, $"{path}.{key}");
                }

                break;
            case JsonArray e:
                var items = Assert.IsType<JsonArray>(actual);
                Assert.True(e.Count == items.Count, $"{path} has {items.Count} items, the render {e.Count}");
                for (var i = 0; i < e.Count; i++)
                {
                    AssertContains(e[i]!, items[i]!, $"{path}[{i}]");
                }

                break;
            default:
                // The API server normalises numbers (a port 80 stays 80), so compare the JSON text.
                Assert.True(expected.ToJsonString() == actual.ToJsonString(), $"{path}: rendered {expected.ToJsonString()}, live {actual.ToJsonString()}");
                break;
        }
    }

    private static async Task<string> ImageAsync(E2eCluster cluster, string deployment) =>
        Text((await cluster.DeploymentAsync(deployment))!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"])!;

    private static async Task<IReadOnlyList<JsonObject>> EventsAsync(E2eCluster cluster, string reason) =>
        (await cluster.EventsAsync()).Where(e => Text(e["reason"]) == reason).ToArray();

    private static Task AnnotateAsync(E2eCluster cluster, string key, string value) =>
        cluster.Client.PatchAsync(E2eCluster.Instances, E2eCluster.Namespace, "flux", PatchType.Merge,
            new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } }, "e2e-test", CancellationToken.None);

    /// <summary>Requests a pass and waits until its exit step wrote status (the deterministic end of that pass).</summary>
    private static async Task<JsonObject> RequestPassAsync(E2eCluster cluster, string token, OperatorProcess op)
    {
        await AnnotateAsync(cluster, "reconcile.fluxcd.io/requestedAt", token);
        return await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && Text(i["status"]!["lastHandledReconcileAt"]) == token ? i : null,
            $"the pass requested as {token} has ended", op);
    }
}
