using System.Text.Json.Nodes;
using FluxOperator.Controllers.ResourceSets;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>ResourceSet passes against the emulator: render, apply, prune, history, events and deletion.</summary>
public sealed class ResourceSetReconcilerTests : IAsyncLifetime
{
    private const string Tenants = """
        metadata:
          name: tenants
        spec:
          commonMetadata:
            annotations:
              owner: ns
          inputs:
            - tenant: team1
            - tenant: team2
          resources:
            - apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: << inputs.tenant >>-readonly
                namespace: ns
            - apiVersion: v1
              kind: ServiceAccount
              metadata:
                name: << inputs.tenant >>-readwrite
                namespace: ns
        """;

    private SetCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SetCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task First_pass_adds_the_finalizer_and_second_applies_one_object_per_item_and_input()
    {
        _cluster.Set(Tenants);

        var result = await _cluster.InstallAsync("tenants");

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromHours(1)), result);
        Assert.Contains("fluxcd.controlplane.io/finalizer", _cluster.Stored("tenants")["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("True", _cluster.Ready("tenants").Status);
        Assert.Equal("ReconciliationSucceeded", _cluster.Ready("tenants").Reason);
        Assert.StartsWith("Reconciliation finished in ", _cluster.Ready("tenants").Message, StringComparison.Ordinal);
        Assert.Equal(4, _cluster.Inventory("tenants").Count);
        Assert.Contains("ns_team2-readonly__ServiceAccount", _cluster.Inventory("tenants"));
        var status = _cluster.Stored("tenants")["status"]!;
        var history = status["history"]!.AsArray().Single()!;
        Assert.Equal(status["lastAppliedRevision"]!.GetValue<string>(), history["digest"]!.GetValue<string>());
        Assert.StartsWith("sha256:", history["digest"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("ReconciliationSucceeded", 1L, "2", "4"), (history["lastReconciledStatus"]!.GetValue<string>(), history["totalReconciliations"]!.GetValue<long>(),
            history["metadata"]!["inputs"]!.GetValue<string>(), history["metadata"]!["resources"]!.GetValue<string>()));

        var account = _cluster.Get("v1", "ServiceAccount", "team2-readwrite")!;
        Assert.Equal("tenants", account["metadata"]!["labels"]!["resourceset.fluxcd.controlplane.io/name"]!.GetValue<string>());
        Assert.Equal("ns", account["metadata"]!["labels"]!["resourceset.fluxcd.controlplane.io/namespace"]!.GetValue<string>());
        Assert.Equal("ns", account["metadata"]!["annotations"]!["owner"]!.GetValue<string>());

        Assert.Collection(_cluster.Events.All,
            e => Assert.Equal(("ApplySucceeded", true), (e.Reason, e.Message.Contains("ServiceAccount/ns/team1-readonly created", StringComparison.Ordinal))),
            e => Assert.Equal(("ReconciliationSucceeded", true), (e.Reason, e.Message.StartsWith("Reconciliation finished", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Dropping_an_item_prunes_its_objects_records_history_and_honours_reconcile_every()
    {
        _cluster.Set(Tenants);
        await _cluster.InstallAsync("tenants");
        var firstRevision = _cluster.Stored("tenants")["status"]!["lastAppliedRevision"]!.GetValue<string>();

        _cluster.Set(Tenants.Replace("""
                        - apiVersion: v1
                          kind: ServiceAccount
                          metadata:
                            name: << inputs.tenant >>-readwrite
                            namespace: ns
                    """, "", StringComparison.Ordinal).Replace("  name: tenants\n", "  name: tenants\n  annotations:\n    fluxcd.controlplane.io/reconcileEvery: 1m\n", StringComparison.Ordinal));
        var result = await _cluster.PassAsync("tenants");

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1)), result);
        Assert.Equal(["ns_team1-readonly__ServiceAccount", "ns_team2-readonly__ServiceAccount"], _cluster.Inventory("tenants").Order(StringComparer.Ordinal));
        Assert.Null(_cluster.Get("v1", "ServiceAccount", "team2-readwrite"));
        Assert.NotNull(_cluster.Get("v1", "ServiceAccount", "team2-readonly"));
        var status = _cluster.Stored("tenants")["status"]!;
        Assert.NotEqual(firstRevision, status["lastAppliedRevision"]!.GetValue<string>());
        Assert.Equal(["2", "4"], status["history"]!.AsArray().Select(h => h!["metadata"]!["resources"]!.GetValue<string>()));
        Assert.Contains(_cluster.Events.All, e => e.Reason == "ApplySucceeded" && e.Message.Contains("ServiceAccount/ns/team2-readwrite deleted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_the_set_deletes_what_it_owns_and_releases_the_finalizer()
    {
        _cluster.Set(Tenants);
        await _cluster.InstallAsync("tenants");

        _cluster.Api.Delete(SetCluster.ApiVersion, "ResourceSet", SetCluster.Namespace, "tenants");
        var result = await _cluster.PassAsync("tenants");

        Assert.Equal(ReconcileResult.Done, result);
        Assert.Null(_cluster.Get(SetCluster.ApiVersion, "ResourceSet", "tenants"));
        Assert.DoesNotContain(_cluster.Api.List("v1", "ServiceAccount", SetCluster.Namespace), a => a["metadata"]!["name"]!.GetValue<string>().StartsWith("team", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Garbage_collection_leaves_objects_that_lost_the_ownership_labels_or_are_prune_disabled()
    {
        _cluster.Set(Tenants);
        await _cluster.InstallAsync("tenants");
        await PatchAccountAsync("team1-readwrite", """{"metadata":{"labels":{"resourceset.fluxcd.controlplane.io/name":null}}}""");
        await PatchAccountAsync("team2-readwrite", """{"metadata":{"annotations":{"fluxcd.controlplane.io/prune":"Disabled"}}}""");

        _cluster.Set(Tenants.Replace("-readwrite", "-admin", StringComparison.Ordinal));
        await _cluster.PassAsync("tenants");

        Assert.NotNull(_cluster.Get("v1", "ServiceAccount", "team1-readwrite"));
        Assert.NotNull(_cluster.Get("v1", "ServiceAccount", "team2-readwrite"));
        Assert.NotNull(_cluster.Get("v1", "ServiceAccount", "team1-admin"));
        Assert.DoesNotContain("ns_team1-readwrite__ServiceAccount", _cluster.Inventory("tenants"));
        Assert.Contains(_cluster.Events.All, e => e.Reason == "ApplySucceeded" && e.Message.Contains("ServiceAccount/ns/team1-readwrite skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_template_stalls_with_the_template_error_and_applies_nothing()
    {
        _cluster.Set(Tenants.Replace("<< inputs.tenant >>-readonly", "<< invalidFunc inputs.tenant >>-readonly", StringComparison.Ordinal));

        Assert.Equal(ReconcileResult.Requeue, await _cluster.PassAsync("tenants"));
        var failure = await Assert.ThrowsAsync<TerminalException>(() => _cluster.PassAsync("tenants"));

        Assert.StartsWith("build failed: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("function \"invalidFunc\" not defined", failure.Message, StringComparison.Ordinal);
        var (status, reason, message) = _cluster.Ready("tenants");
        Assert.Equal(("False", "BuildFailed", failure.Message), (status, reason, message));
        Assert.Equal(("True", "BuildFailed"), (_cluster.Condition("tenants", "Stalled")["status"]!.GetValue<string>(), _cluster.Condition("tenants", "Stalled")["reason"]!.GetValue<string>()));
        Assert.Empty(_cluster.Inventory("tenants"));
        Assert.DoesNotContain(_cluster.Api.List("v1", "ServiceAccount", SetCluster.Namespace), a => a["metadata"]!["name"]!.GetValue<string>().StartsWith("team", StringComparison.Ordinal));
        Assert.Equal("BuildFailed", _cluster.Stored("tenants")["status"]!["history"]![0]!["lastReconciledStatus"]!.GetValue<string>());
        Assert.Contains(_cluster.Events.All, e => (e.Type, e.Reason, e.Message) == ("Warning", "BuildFailed", failure.Message));
    }

    [Fact]
    public async Task Disabled_set_initialises_as_suspended_warns_on_every_pass_and_orphans_its_objects_on_deletion()
    {
        _cluster.Set(Tenants);
        await _cluster.InstallAsync("tenants");
        _cluster.Set(Tenants.Replace("  name: tenants\n", "  name: tenants\n  annotations:\n    fluxcd.controlplane.io/reconcile: Disabled\n", StringComparison.Ordinal)
            .Replace("-readwrite", "-admin", StringComparison.Ordinal));
        _cluster.Events.Clear();

        Assert.Equal(ReconcileResult.Done, await _cluster.PassAsync("tenants"));
        Assert.Equal(ReconcileResult.Done, await _cluster.PassAsync("tenants"));

        Assert.Equal(2, _cluster.Events.All.Count(e => (e.Type, e.Reason, e.Message) == ("Warning", "ReconciliationDisabled", "Reconciliation is disabled")));
        Assert.Null(_cluster.Get("v1", "ServiceAccount", "team1-admin"));
        _cluster.Api.Delete(SetCluster.ApiVersion, "ResourceSet", SetCluster.Namespace, "tenants");
        await _cluster.PassAsync("tenants");
        Assert.Null(_cluster.Get(SetCluster.ApiVersion, "ResourceSet", "tenants"));
        Assert.NotNull(_cluster.Get("v1", "ServiceAccount", "team1-readwrite"));
    }

    [Fact]
    public async Task Set_created_disabled_is_ready_as_suspended_after_the_first_pass()
    {
        _cluster.Set(Tenants.Replace("  name: tenants\n", "  name: tenants\n  annotations:\n    fluxcd.controlplane.io/reconcile: disabled\n", StringComparison.Ordinal));

        Assert.Equal(ReconcileResult.Requeue, await _cluster.PassAsync("tenants"));

        Assert.Equal(("True", "ReconciliationDisabled", "Initialized with reconciliation suspended"), _cluster.Ready("tenants"));
    }

    private Task PatchAccountAsync(string name, string mergePatch) =>
        _cluster.Client.PatchAsync(ResourceSetResources.ServiceAccounts, SetCluster.Namespace, name, PatchType.Merge, JsonNode.Parse(mergePatch)!, "kubectl", CancellationToken.None);
}
