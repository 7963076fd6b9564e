using FluxOperator.Controllers.Runtime;

namespace FluxOperator.IntegrationTests.ResourceSets;

/// <summary>Impersonation and dependency expressions: what a set may do and see is what its service account may.</summary>
public sealed class ResourceSetSecurityTests : IAsyncLifetime
{
    private const string TenantRbac = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: tenant
          namespace: ns
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: tenant
          namespace: ns
        rules:
          - apiGroups: [""]
            resources: [configmaps]
            verbs: ["*"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: tenant
          namespace: ns
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: Role
          name: tenant
        subjects:
          - kind: ServiceAccount
            name: tenant
            namespace: ns
        """;

    private SetCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SetCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_tenant_set_may_apply_what_its_service_account_may_and_is_refused_a_cluster_role_binding()
    {
        _cluster.Api.SeedYaml(TenantRbac);
        _cluster.Set("""
            metadata:
              name: escalate
            spec:
              serviceAccountName: tenant
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: harmless
                    namespace: ns
                - apiVersion: rbac.authorization.k8s.io/v1
                  kind: ClusterRoleBinding
                  metadata:
                    name: tenant-is-admin
                  roleRef:
                    apiGroup: rbac.authorization.k8s.io
                    kind: ClusterRole
                    name: cluster-admin
                  subjects:
                    - kind: ServiceAccount
                      name: tenant
                      namespace: ns
            """);
        await _cluster.PassAsync("escalate");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => _cluster.PassAsync("escalate"));

        Assert.Contains("forbidden", failure.Message, StringComparison.Ordinal);
        Assert.Contains("system:serviceaccount:ns:tenant", failure.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "ReconciliationFailed"), (_cluster.Ready("escalate").Status, _cluster.Ready("escalate").Reason));
        Assert.Null(_cluster.Get("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "tenant-is-admin", ns: null));
        Assert.Null(_cluster.Get("v1", "ConfigMap", "harmless"));

        _cluster.Set("""
            metadata:
              name: escalate
            spec:
              serviceAccountName: tenant
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: harmless
                    namespace: ns
            """);
        await _cluster.PassAsync("escalate");

        Assert.Equal("ReconciliationSucceeded", _cluster.Ready("escalate").Reason);
        Assert.NotNull(_cluster.Get("v1", "ConfigMap", "harmless"));
    }

    [Fact]
    public async Task The_default_service_account_applies_to_sets_that_name_none()
    {
        await using var cluster = await SetCluster.StartAsync(o => o with { DefaultServiceAccount = "tenant" });
        cluster.Api.SeedYaml(TenantRbac);
        cluster.Set("""
            metadata:
              name: nameless
            spec:
              resources:
                - apiVersion: v1
                  kind: Namespace
                  metadata:
                    name: grabbed
            """);
        await cluster.PassAsync("nameless");

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => cluster.PassAsync("nameless"));

        Assert.Contains("system:serviceaccount:ns:tenant", failure.Message, StringComparison.Ordinal);
        Assert.Null(cluster.Get("v1", "Namespace", "grabbed", ns: null));
    }

    [Fact]
    public async Task Ready_expressions_gate_on_the_dependency_and_see_secret_data_of_the_sets_namespace_only()
    {
        _cluster.Api.SeedYaml("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: other
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: gate
              namespace: ns
            data:
              gate: b3BlbmVk
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: gate
              namespace: other
            data:
              gate: b3BlbmVk
            """);
        const string Gated = """
            metadata:
              name: gated
            spec:
              dependsOn:
                - apiVersion: v1
                  kind: Secret
                  name: gate
                  namespace: NAMESPACE
                  ready: true
                  readyExpr: string(base64.decode(data.gate)) == 'opened'
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: gated
                    namespace: ns
            """;
        _cluster.Set(Gated.Replace("NAMESPACE", "other", StringComparison.Ordinal));
        await _cluster.PassAsync("gated");

        Assert.Equal(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(5)), await _cluster.PassAsync("gated"));
        Assert.Equal("DependencyNotReady", _cluster.Ready("gated").Reason);
        Assert.Contains("data", _cluster.Ready("gated").Message, StringComparison.Ordinal);

        _cluster.Set(Gated.Replace("NAMESPACE", "ns", StringComparison.Ordinal));
        await _cluster.PassAsync("gated");

        Assert.Equal("ReconciliationSucceeded", _cluster.Ready("gated").Reason);
    }

    [Fact]
    public async Task An_unparsable_ready_expression_stalls_the_set()
    {
        _cluster.Set("""
            metadata:
              name: broken
            spec:
              dependsOn:
                - apiVersion: v1
                  kind: Namespace
                  name: ns
                  ready: true
                  readyExpr: "status."
              resources:
                - apiVersion: v1
                  kind: ConfigMap
                  metadata:
                    name: never
                    namespace: ns
            """);
        await _cluster.PassAsync("broken");

        var failure = await Assert.ThrowsAsync<TerminalException>(() => _cluster.PassAsync("broken"));

        Assert.StartsWith("Reconciliation failed terminally due to configuration error: failed to parse expression for dependency v1/Namespace/ns: failed to parse the CEL expression 'status.': ", failure.Message, StringComparison.Ordinal);
        Assert.Equal(("False", "InvalidCELExpression"), (_cluster.Ready("broken").Status, _cluster.Ready("broken").Reason));
        Assert.Equal("True", _cluster.Condition("broken", "Stalled")["status"]!.GetValue<string>());
        Assert.Null(_cluster.Get("v1", "ConfigMap", "never"));
    }
}
