using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.IntegrationTests.Commands;
using KubeApiEmulator.Auth;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>
/// The command line's verbs (<c>get</c>, <c>wait</c>, <c>reconcile</c>, <c>suspend</c>, <c>resume</c>, <c>delete</c>, <c>stats</c>,
/// <c>export resource</c>) as the real executable, against the real operator reconciling what they touch.
/// </summary>
[Collection(EndToEndCollection.Name)]
public class CliVerbTests
{
    private const string SuspendedBy = "fluxcd.controlplane.io/suspendedBy";
    private static readonly ResourceType ConfigMaps = new("", "v1", "ConfigMap", "configmaps", true);
    private static readonly ResourceType Kustomizations = new("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", true);

    private static string Set(string name, string configMapName) => $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: ResourceSet
        metadata:
          name: {name}
          namespace: flux-system
        spec:
          inputs: [{"{"}app: one{"}"}]
          resources:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: {configMapName}
                namespace: flux-system
              data:
                app: << inputs.app | quote >>
        """;

    [Fact]
    public async Task ResourceSet_wait_get_reconcile_suspend_resume_and_delete_drive_the_running_operator()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Set("apps", "app-one"));

        var (waitCode, waited, waitError) = await CliAsync(cluster, "wait", "rset", "apps", "-n", "flux-system");
        var set = await SetAsync(cluster, "apps");
        var message = Text(Condition(set, "Ready")!["message"])!;
        var (getCode, table, _) = await CliAsync(cluster, "get", "resourceset", "-n", "flux-system");
        var (reconcileCode, reconciled, reconcileError) = await CliAsync(cluster, "reconcile", "resourceset", "apps", "-n", "flux-system");

        Assert.True(waitCode == 0, waitError + op.Output[^Math.Min(4000, op.Output.Length)..]);
        Assert.Equal($"◎ Waiting for resourceset to become ready...\n✔ {message}\n", waited);
        Assert.StartsWith("Reconciliation finished in ", message, StringComparison.Ordinal);
        Assert.Equal(0, getCode);
        var width = Math.Max("MESSAGE".Length, message.Length) + 3;
        Assert.Equal(
            $"NAME   RESOURCES   READY   {"MESSAGE".PadRight(width)}LAST RECONCILED\n" +
            $"apps   1           True    {message.PadRight(width)}{Text(Condition(set, "Ready")!["lastTransitionTime"])}\n",
            table);
        Assert.True(reconcileCode == 0, reconcileError);
        Assert.Matches(@"^► Reconciliation triggered\n◎ Waiting for reconciliation\.\.\.\n✔ Reconciliation finished in \S+\n$", reconciled);
        var handled = (await SetAsync(cluster, "apps"))!;
        Assert.Equal(Text(handled["metadata"]!["annotations"]![AnnotationKeys.RequestedAt]), Text(handled["status"]!["lastHandledReconcileAt"]));

        var (suspendCode, suspended, _) = await CliAsync(cluster, "suspend", "rset", "apps", "-n", "flux-system");
        var (refusedCode, _, refused) = await CliAsync(cluster, "reconcile", "rset", "apps", "-n", "flux-system");
        var suspendedBy = Text((await SetAsync(cluster, "apps"))!["metadata"]!["annotations"]![SuspendedBy]);
        var (resumeCode, resumed, resumeError) = await CliAsync(cluster, "resume", "resource", "rset/apps", "-n", "flux-system");

        Assert.Equal((0, "✔ Reconciliation suspended\n"), (suspendCode, suspended));
        Assert.Equal(UserInfo.Admin.Name, suspendedBy);
        Assert.Equal((1, "✗ Reconciliation is disabled for apps\n"), (refusedCode, refused));
        Assert.True(resumeCode == 0, resumeError);
        Assert.Matches(@"^◎ Waiting for reconciliation\.\.\.\n✔ Reconciliation finished in \S+\n$", resumed);
        var annotations = (await SetAsync(cluster, "apps"))!["metadata"]!["annotations"]!.AsObject();
        Assert.Equal("enabled", Text(annotations[AnnotationKeys.Reconcile]));
        Assert.False(annotations.ContainsKey(SuspendedBy));

        var (keepCode, kept, _) = await CliAsync(cluster, "delete", "rset", "apps", "-n", "flux-system", "--with-suspend");
        Assert.Equal((0, "✔ Reconciliation suspended\n◎ Waiting for deletion...\n✔ Deletion completed\n"), (keepCode, kept));
        Assert.Null(await SetAsync(cluster, "apps"));
        Assert.NotNull(await cluster.Client.GetAsync(ConfigMaps, E2eCluster.Namespace, "app-one", CancellationToken.None));

        await cluster.ApplyAsync(Set("other", "app-two"));
        await CliAsync(cluster, "wait", "rset", "other", "-n", "flux-system");
        var (deleteCode, deleted, _) = await CliAsync(cluster, "delete", "resourceset", "other", "-n", "flux-system");
        var (missingCode, _, missing) = await CliAsync(cluster, "delete", "rset", "other", "-n", "flux-system");
        Assert.Equal((0, "◎ Waiting for deletion...\n✔ Deletion completed\n"), (deleteCode, deleted));
        Assert.Null(await cluster.Client.GetAsync(ConfigMaps, E2eCluster.Namespace, "app-two", CancellationToken.None));
        Assert.Equal((1, "✗ ResourceSet/flux-system/other not found\n"), (missingCode, missing));
    }

    [Fact]
    public async Task Waits_on_a_stalled_resourceset_fail_with_the_ready_reason_and_message()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Set("broken", "broken-<< invalidFunc inputs.app >>"));

        var (waitCode, waited, waitError) = await CliAsync(cluster, "wait", "resource", "ResourceSet/broken", "-n", "flux-system");
        var (reconcileCode, _, reconcileError) = await CliAsync(cluster, "reconcile", "rset", "broken", "-n", "flux-system");

        Assert.Equal(1, waitCode);
        Assert.Equal("◎ Waiting for ResourceSet/flux-system/broken to become ready...\n", waited);
        var message = Text(Condition(await SetAsync(cluster, "broken"), "Ready")!["message"]);
        Assert.Equal($"✗ BuildFailed: {message}\n", waitError);
        Assert.Contains("function \"invalidFunc\" not defined", waitError, StringComparison.Ordinal);
        Assert.Equal((1, $"✗ BuildFailed: {message}\n"), (reconcileCode, reconcileError));
    }

    [Fact]
    public async Task Instance_commands_find_the_instance_namespace_and_toolkit_kinds_are_suspended_through_spec()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync(Instance("2.x"));

        var (waitCode, waited, waitError) = await CliAsync(cluster, "wait", "instance", "flux", "--timeout", "2m");
        var (reconcileCode, reconciled, reconcileError) = await CliAsync(cluster, "reconcile", "instance", "flux", "--timeout", "2m");
        Assert.True(waitCode == 0, waitError + op.Output[^Math.Min(4000, op.Output.Length)..]);
        Assert.Matches(@"^◎ Using namespace flux-system \(the namespace of the only FluxInstance\)\n◎ Waiting for instance to become ready\.\.\.\n✔ Reconciliation finished in \S+\n$", waited);
        Assert.True(reconcileCode == 0, reconcileError);
        Assert.Matches(@"^◎ Using namespace flux-system \(the namespace of the only FluxInstance\)\n► Reconciliation triggered\n◎ Waiting for reconciliation\.\.\.\n✔ Reconciliation finished in \S+\n$", reconciled);

        await Poll.UntilAsync(async () => (await cluster.ReportAsync())?["spec"]?["reconcilers"] is JsonArray { Count: > 0 }, "the report counts reconcilers", op);
        var (statsCode, stats, statsError) = await CliAsync(cluster, "stats");
        var (statsJsonCode, statsJson, _) = await CliAsync(cluster, "stats", "-o", "json");
        Assert.True(statsCode == 0, statsError);
        Assert.Matches(@"^RECONCILERS\s+RUNNING   FAILING   SUSPENDED   STORAGE\n", stats);
        Assert.Matches(@"\nKustomization\s+0\s+0\s+0\s+-\n", stats);
        Assert.Equal(0, statsJsonCode);
        var kustomizationStats = JsonNode.Parse(statsJson)!.AsArray().Single(r => Text(r!["kind"]) == "Kustomization")!;
        Assert.Equal("""{"kind":"Kustomization","running":0,"failing":0,"suspended":0,"storage":"-"}""", kustomizationStats.ToJsonString());

        // The instance installed Flux's CRDs: toolkit kinds are suspended and resumed through spec.suspend.
        await cluster.ApplyAsync("""
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata:
              name: apps
              namespace: flux-system
              annotations:
                reconcile.fluxcd.io/requestedAt: "2026-12-07T09:00:00Z"
            spec:
              interval: 10m
              path: ./apps
              prune: true
              sourceRef:
                kind: GitRepository
                name: flux-system
            """);
        var (suspendCode, suspended, suspendError) = await CliAsync(cluster, "suspend", "resource", "ks/apps", "-n", "flux-system", "--kube-as", "jane@example.com", "--kube-as-group", "system:masters");
        var whileSuspended = (await cluster.Client.GetAsync(Kustomizations, E2eCluster.Namespace, "apps", CancellationToken.None))!;
        var (getCode, all, _) = await CliAsync(cluster, "get", "all", "-n", "flux-system", "--kind", "ks", "-o", "json");
        var (resumeCode, resumed, _) = await CliAsync(cluster, "resume", "resource", "Kustomization/apps", "-n", "flux-system", "--wait=false");
        var afterResume = (await cluster.Client.GetAsync(Kustomizations, E2eCluster.Namespace, "apps", CancellationToken.None))!;
        var (allCode, triggered, _) = await CliAsync(cluster, "reconcile", "all", "--kind", "Kustomization", "-n", "flux-system");
        var (exportCode, exported, exportError) = await CliAsync(cluster, "export", "resource", "ks/apps", "-n", "flux-system");

        Assert.True(suspendCode == 0, suspendError);
        Assert.Equal("✔ Reconciliation suspended\n", suspended);
        Assert.True(whileSuspended["spec"]!["suspend"]!.GetValue<bool>());
        Assert.Equal("jane@example.com", Text(whileSuspended["metadata"]!["annotations"]![SuspendedBy]));
        Assert.Equal(0, getCode);
        Assert.Equal("Suspended", Text(JsonNode.Parse(all)![0]!["ready"]));
        Assert.Equal((0, "✔ Reconciliation resumed\n"), (resumeCode, resumed));
        Assert.False(afterResume["spec"]!.AsObject().ContainsKey("suspend"));
        Assert.False(afterResume["metadata"]!["annotations"]!.AsObject().ContainsKey(SuspendedBy));
        Assert.NotEqual("2026-12-07T09:00:00Z", Text(afterResume["metadata"]!["annotations"]![AnnotationKeys.RequestedAt]));
        Assert.Equal((0, "✔ Reconciliation triggered for flux-system/apps\n"), (allCode, triggered));
        Assert.True(exportCode == 0, exportError);
        Assert.Equal(
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\n" +
            "spec:\n  interval: 10m\n  path: ./apps\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  force: false\n",
            exported);

        // trace: a labelled object → its Kustomization → the Kustomization's source.
        await cluster.ApplyAsync("""
            apiVersion: source.toolkit.fluxcd.io/v1
            kind: GitRepository
            metadata:
              name: flux-system
              namespace: flux-system
            spec:
              interval: 1m
              url: https://github.com/example/fleet
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app-settings
              namespace: flux-system
              labels:
                kustomize.toolkit.fluxcd.io/name: apps
                kustomize.toolkit.fluxcd.io/namespace: flux-system
            """);
        await cluster.Client.PatchStatusAsync(new ResourceType("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories", true), "flux-system", "flux-system",
            JsonNode.Parse("""{"status":{"artifact":{"path":"a.tar.gz","url":"http://source-controller/a.tar.gz","revision":"main@sha1:0123abcd","digest":"sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae","lastUpdateTime":"2026-12-07T10:00:00Z","metadata":{"org.opencontainers.image.source":"https://github.com/example/origin","org.opencontainers.image.revision":"v1.2.3"}}}}""")!.AsObject(),
            "e2e-test", CancellationToken.None);
        await cluster.Client.PatchStatusAsync(Kustomizations, "flux-system", "apps",
            JsonNode.Parse("""{"status":{"lastAppliedRevision":"main@sha1:0123abcd","conditions":[{"type":"Ready","status":"False","reason":"HealthCheckFailed","message":"timeout waiting for: [Deployment/apps/web]","lastTransitionTime":"2026-12-07T10:05:00Z","observedGeneration":1}]}}""")!.AsObject(),
            "e2e-test", CancellationToken.None);
        var (traceCode, trace, traceError) = await CliAsync(cluster, "trace", "configmap", "app-settings", "-n", "flux-system");
        Assert.True(traceCode == 0, traceError);
        Assert.Equal(
            "Object:          ConfigMap/flux-system/app-settings\n" +
            "Status:          Last reconciliation failed at 2026-12-07T10:05:00Z\n" +
            "Revision:        main@sha1:0123abcd\n" +
            "Reconciler:      Kustomization/flux-system/apps\n" +
            "Source:          GitRepository/flux-system/flux-system\n" +
            "Source URL:      https://github.com/example/fleet\n" +
            "Origin URL:      https://github.com/example/origin\n" +
            "Origin Revision: v1.2.3\n" +
            "Message:         timeout waiting for: [Deployment/apps/web]\n",
            trace);

        var (deleteCode, deleted, deleteError) = await CliAsync(cluster, "delete", "instance", "flux", "--with-suspend", "--timeout", "2m");
        Assert.True(deleteCode == 0, deleteError);
        Assert.Equal("◎ Using namespace flux-system (the namespace of the only FluxInstance)\n✔ Reconciliation suspended\n◎ Waiting for deletion...\n✔ Deletion completed\n", deleted);
        Assert.Null(await cluster.InstanceAsync());
        Assert.NotNull(await cluster.DeploymentAsync("source-controller"));
    }

    [Fact]
    public async Task Tree_expands_nested_resourcesets_and_trace_follows_owner_references_to_the_applier()
    {
        await using var cluster = await E2eCluster.StartAsync();
        await using var op = OperatorProcess.Start(cluster);
        await cluster.ApplyAsync("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: ResourceSet
            metadata:
              name: parent
              namespace: flux-system
            spec:
              inputs: [{app: one}]
              resources:
                - apiVersion: fluxcd.controlplane.io/v1
                  kind: ResourceSet
                  metadata:
                    name: child
                    namespace: flux-system
                  spec:
                    resources:
                      - apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: leaf
                          namespace: flux-system
            """);
        var (waitCode, _, waitError) = await CliAsync(cluster, "wait", "rset", "child", "-n", "flux-system", "--timeout", "90s");
        Assert.True(waitCode == 0, waitError + op.Output[^Math.Min(4000, op.Output.Length)..]);
        await Poll.UntilAsync(async () => InventoryIds(await SetAsync(cluster, "parent")).Count == 1, "the parent lists the child", op);
        var leaf = (await cluster.Client.GetAsync(ConfigMaps, E2eCluster.Namespace, "leaf", CancellationToken.None))!;
        await cluster.ApplyAsync($$"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: dependent
              namespace: flux-system
              ownerReferences:
                - {apiVersion: v1, kind: ConfigMap, name: leaf, uid: "{{Text(leaf["metadata"]!["uid"])}}", controller: true}
            """);

        var (treeCode, tree, treeError) = await CliAsync(cluster, "tree", "rset", "parent", "-n", "flux-system");
        var (traceCode, trace, traceError) = await CliAsync(cluster, "trace", "cm/dependent", "-n", "flux-system");
        var (lostCode, _, lost) = await CliAsync(cluster, "trace", "namespace/flux-system");

        Assert.True(treeCode == 0, treeError);
        Assert.Equal("ResourceSet/flux-system/parent\n└── ResourceSet/flux-system/child\n    └── ConfigMap/flux-system/leaf\n", tree);
        Assert.True(traceCode == 0, traceError);
        var childSet = await SetAsync(cluster, "child");
        var child = Condition(childSet, "Ready")!;
        Assert.Equal(
            "Object:          ConfigMap/flux-system/dependent\n" +
            $"Status:          Last reconciled at {Text(child["lastTransitionTime"])}\n" +
            $"Revision:        {Text(childSet!["status"]!["lastAppliedRevision"])}\n" +
            "Reconciler:      ResourceSet/flux-system/child\n" +
            $"Message:         {Text(child["message"])}\n",
            trace);
        Assert.Equal((1, "✗ failed to trace 'Namespace/flux-system': object not managed by Flux\n"), (lostCode, lost));
    }

    private static Task<JsonObject?> SetAsync(E2eCluster cluster, string name) =>
        cluster.Client.GetAsync(OperatorResources.ResourceSet, E2eCluster.Namespace, name, CancellationToken.None);

    private static Task<(int ExitCode, string Output, string Error)> CliAsync(E2eCluster cluster, params string[] args) =>
        OperatorCli.RunAsync(Path.GetTempPath(), [.. args, "--kubeconfig", cluster.KubeconfigPath]);
}
