using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.ResourceSets;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>ResourceSets as the real executable reconciles them: inputs, pruning, dependencies, failures, deletion.</summary>
[Collection(EndToEndCollection.Name)]
public class ResourceSetTests
{
    private static string Tenants(string inputs, string extraSpec = "") => $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: ResourceSet
        metadata:
          name: tenants
          namespace: flux-system
        spec:
          inputs: {inputs}
        {extraSpec}  resources:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: tenant-<< inputs.tenant >>
                namespace: flux-system
              data:
                replicas: << inputs.replicas | quote >>
        """;

    [Fact]
    public async Task Input_changes_render_apply_and_prune_and_deleting_the_set_deletes_its_objects()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);

        await cluster.ApplyAsync(Tenants("[{tenant: a, replicas: 1}, {tenant: b, replicas: 2}]"));
        var ready = await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && IsReady(s) ? s : null, "the ResourceSet is Ready", op);
        Assert.Equal(["flux-system_tenant-a__ConfigMap", "flux-system_tenant-b__ConfigMap"], InventoryIds(ready).Order(StringComparer.Ordinal));
        Assert.Equal("2", Text((await ConfigMapAsync(cluster, "tenant-b"))!["data"]!["replicas"]));

        await cluster.ApplyAsync(Tenants("[{tenant: b, replicas: 3}, {tenant: c, replicas: 1}]"));
        await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && IsReady(s) && InventoryIds(s).Contains("flux-system_tenant-c__ConfigMap") ? s : null,
            "the new input is applied", op);
        Assert.Null(await ConfigMapAsync(cluster, "tenant-a"));
        Assert.Equal("3", Text((await ConfigMapAsync(cluster, "tenant-b"))!["data"]!["replicas"]));

        await cluster.Client.DeleteAsync(OperatorResources.ResourceSet, E2eCluster.Namespace, "tenants", null, CancellationToken.None);
        await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is null && await ConfigMapAsync(cluster, "tenant-b") is null && await ConfigMapAsync(cluster, "tenant-c") is null ? "gone" : null,
            "the set and its objects are deleted", op);
    }

    [Fact]
    public async Task A_set_waits_for_its_dependency_and_is_released_when_it_appears()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster, false, "--requeue-dependency=1s");

        await cluster.ApplyAsync(Tenants("[{tenant: a, replicas: 1}]", """
              dependsOn:
                - apiVersion: v1
                  kind: ConfigMap
                  name: gate
                  namespace: flux-system
                  ready: true
                  readyExpr: data.open == 'yes'

            """));
        var waiting = await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && IsReady(s, "False", "DependencyNotReady") ? s : null,
            "the set reports the missing dependency", op);
        Assert.Contains("configmaps \"gate\" not found", Text(Condition(waiting, "Ready")!["message"]), StringComparison.Ordinal);
        Assert.Null(await ConfigMapAsync(cluster, "tenant-a"));

        await cluster.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gate\n  namespace: flux-system\ndata:\n  open: \"no\"\n");
        await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && Text(Condition(s, "Ready")?["message"])?.Contains("not ready: expression", StringComparison.Ordinal) == true ? s : null,
            "the set waits for the expression", op);
        Assert.Null(await ConfigMapAsync(cluster, "tenant-a"));

        await cluster.ApplyAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gate\n  namespace: flux-system\ndata:\n  open: \"yes\"\n");
        await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && IsReady(s) ? s : null, "the set is released", op);
        Assert.NotNull(await ConfigMapAsync(cluster, "tenant-a"));
    }

    [Fact]
    public async Task A_bad_template_stalls_with_the_template_error_and_applies_nothing()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);

        await cluster.ApplyAsync(Tenants("[{tenant: a, replicas: 1}]").Replace("tenant-<< inputs.tenant >>", "tenant-<< invalidFunc inputs.tenant >>", StringComparison.Ordinal));
        var stalled = await Poll.UntilAsync(async () => await SetAsync(cluster, "tenants") is { } s && IsReady(s, "False", "BuildFailed") ? s : null, "the set stalls", op);

        var message = Text(Condition(stalled, "Ready")!["message"])!;
        Assert.StartsWith("build failed: failed to build resources[0]: failed to parse template: ", message, StringComparison.Ordinal);
        Assert.Contains("function \"invalidFunc\" not defined", message, StringComparison.Ordinal);
        Assert.Equal("True", Text(Condition(stalled, "Stalled")!["status"]));
        Assert.Empty(InventoryIds(stalled));
        Assert.DoesNotContain((await cluster.Client.ListAllAsync(ResourceSetResources.ConfigMaps, E2eCluster.Namespace, null, CancellationToken.None)).Items,
            c => c["metadata"]!["name"]!.GetValue<string>().StartsWith("tenant-", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requires", "emulator")]
    public async Task A_tenant_set_acting_as_a_namespace_editor_is_refused_a_cluster_scoped_object_and_applies_nothing()
    {
        const string tenant = "tenant-a";
        await using var cluster = await E2eCluster.StartAsync();
        await cluster.ApplyAsync($"""
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {tenant}{"}"}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {"{"}name: tenant, namespace: {tenant}{"}"}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {"{"}name: tenant-edit, namespace: {tenant}{"}"}
            roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit{"}"}
            subjects: [{"{"}kind: ServiceAccount, name: tenant, namespace: {tenant}{"}"}]
            """);
        await cluster.Knobs.Access.AggregationSettledAsync();
        await using var op = OperatorProcess.Start(cluster);

        await cluster.ApplyAsync($"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata:
              name: escalate
              namespace: {tenant}
            spec:
              serviceAccountName: tenant
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: innocent
                    namespace: {tenant}
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRoleBinding
                  metadata:
                    name: tenant-cluster-admin
                  roleRef: {"{"}apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin{"}"}
                  subjects: [{"{"}kind: ServiceAccount, name: tenant, namespace: {tenant}{"}"}]
            """);
        var refused = await Poll.UntilAsync(async () =>
            await cluster.Client.GetAsync(OperatorResources.ResourceSet, tenant, "escalate", CancellationToken.None) is { } s && IsReady(s, "False", "ReconciliationFailed") ? s : null,
            "the tenant set is refused", op);

        var message = Text(Condition(refused, "Ready")!["message"])!;
        Assert.Contains("ClusterRoleBinding/tenant-cluster-admin", message, StringComparison.Ordinal);
        Assert.Contains($"clusterrolebindings.rbac.authorization.k8s.io \"tenant-cluster-admin\" is forbidden: User \"system:serviceaccount:{tenant}:tenant\" cannot",
            message, StringComparison.Ordinal);
        Assert.Empty(InventoryIds(refused));
        Assert.Null(await cluster.Client.GetAsync(ClusterRoleBindings, null, "tenant-cluster-admin", CancellationToken.None));
        Assert.Null(await cluster.Client.GetAsync(ResourceSetResources.ConfigMaps, tenant, "innocent", CancellationToken.None));
    }

    private static readonly Controllers.Primitives.ResourceType ClusterRoleBindings =
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", Namespaced: false);

    private static Task<JsonObject?> SetAsync(E2eCluster cluster, string name) =>
        cluster.Client.GetAsync(OperatorResources.ResourceSet, E2eCluster.Namespace, name, CancellationToken.None);

    private static Task<JsonObject?> ConfigMapAsync(E2eCluster cluster, string name) =>
        cluster.Client.GetAsync(ResourceSetResources.ConfigMaps, E2eCluster.Namespace, name, CancellationToken.None);
}
