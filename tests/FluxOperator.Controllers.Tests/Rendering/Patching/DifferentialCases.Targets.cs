namespace FluxOperator.Controllers.Tests.Rendering.Patching;

internal static partial class DifferentialCases
{
    private const string MarkOperation = "- op: add\n  path: /metadata/annotations/marked\n  value: \"yes\"";

    private static IEnumerable<DifferentialCase> TargetCases()
    {
        yield return new("target name alternation", Json("{kind: Deployment, name: \"(app|worker)\"}", MarkOperation));
        yield return new("target name is anchored", Json("{name: ap}", MarkOperation));
        yield return new("target name regex class", Json("{name: \"app-.*\"}", MarkOperation));
        yield return new("target kind only matches every group", Json("{version: v1}", MarkOperation));
        yield return new("target group and version", Json("{group: apps, version: v1, kind: Deployment}", MarkOperation));
        yield return new("target label selector in", Json("{labelSelector: \"app.kubernetes.io/component in (app, other)\"}", MarkOperation));
        yield return new("target label selector notin matches unlabelled objects", Json("{labelSelector: \"app.kubernetes.io/component notin (app)\"}", MarkOperation));
        yield return new("target label selector does not exist", Json("{labelSelector: \"!app.kubernetes.io/component\"}", MarkOperation));
        yield return new("target label selector not equal and exists", Json("{labelSelector: \"app.kubernetes.io/part-of, app.kubernetes.io/component!=worker\"}", MarkOperation));
        yield return new("target label selector double equals", Json("{labelSelector: \"app.kubernetes.io/component==worker\"}", MarkOperation));
        yield return new("target annotation selector", Json("{annotationSelector: team=blue}", MarkOperation));
        yield return new("target namespace default matches objects without namespace", Json("{namespace: default}", MarkOperation));
        yield return new("target namespace catch all matches cluster scoped objects", Json("{kind: \"Cluster.*\", namespace: \".*\"}", MarkOperation));
        yield return new("target namespace matches the explicit namespace", Json("{namespace: apps}", MarkOperation));
        yield return new("target matching nothing is ignored", Json("{kind: Secret}", MarkOperation));
        yield return new("target with invalid regex fails", Json("{name: \"(source-controller\"}", MarkOperation));
        yield return new("target with invalid escape fails", Json("{name: \"app\\\\q\"}", MarkOperation));
        foreach (var (label, pattern) in new[]
        {
            ("nested repetition", "app**"), ("missing repetition argument", "*app"), ("missing bracket", "[ap"), ("unexpected paren", "app)"),
            ("look ahead", "(?=app)"), ("repeat count", "a{1001}"), ("back reference", "(a)\\\\1"), ("class range", "[z-a]"), ("trailing backslash", "app\\\\"),
            ("named group", "(?P<n>app)"), ("non greedy", "ap+?"), ("posix class", "[[:alpha:]]+"), ("flags", "(?i)APP"),
            ("quoted literal", "\\\\Qapp\\\\E"), ("digit class", "a\\\\d*pp"), ("negated class", "[^x]pp"), ("scoped flags", "(?i:APP)"),
            ("counted repeat", ".{3}"), ("unicode class", "\\\\pL+"), ("dot matches in class", "app[.-]?"), ("possessive", "ap++"),
            ("lazy optional", "ap??p"), ("lazy then star", "a*?*"), ("lazy twice", "ap+??"), ("repeat then lazy", "ap{1,2}?p"), ("star at group start", "(*a)"),
            ("alternation then star", "a|*"),
        })
        {
            yield return new($"target regex {label}", Json($"{{name: \"{pattern}\"}}", MarkOperation));
        }

        foreach (var selector in new[] { "app in (a", "k=-x-", "k in (b c)", "k x", "a/b/c", "k=(a)", "a,", "a>b", "-bad-=x", "Bad.Prefix/x", "k in ()", "k in (a,,b)", "=x" })
        {
            yield return new($"target label selector {selector}", Json($"{{labelSelector: \"{selector}\"}}", MarkOperation));
        }
    }

    private static IEnumerable<DifferentialCase> TransformerCases()
    {
        yield return new("namespace moves namespaced objects only", "namespace: flux-system\n");
        yield return new("name suffix renames and fixes references", "nameSuffix: -shard1\n");
        yield return new("namespace and suffix together", "namespace: flux-system\nnameSuffix: -flux-system\n");
        yield return new("images rewrite tag digest and name", """
            images:
            - name: fluxcd/source-controller
              newName: ghcr.io/fluxcd/source-controller
              newTag: v1.2.3
              digest: sha256:1111111111111111111111111111111111111111111111111111111111111111
            - name: fluxcd/kustomize-controller
              newTag: v2.0.0
            - name: ghcr.io/example/sidecar
              digest: sha256:2222222222222222222222222222222222222222222222222222222222222222

            """);
        yield return new("images rewrite images set by patches", Smp(AppDeployment, ManagerPatch("image: fluxcd/source-controller:v9")) + "images:\n- name: fluxcd/source-controller\n  newName: registry.local/source-controller\n");
        yield return new("images apply in order and see earlier rewrites", "images:\n- name: fluxcd/source-controller\n  newName: fluxcd/kustomize-controller\n- name: fluxcd/kustomize-controller\n  newTag: v5.0.0\n");
        yield return new("image names are regexes", "images:\n- name: fluxcd/.*-controller\n  newTag: v7.0.0\n- name: busybox\n  digest: sha256:3333333333333333333333333333333333333333333333333333333333333333\n");
        yield return new("common annotations reach pod templates", "commonAnnotations:\n  sharding.fluxcd.io/role: shard\n");
        yield return new("labels reach metadata only", "labels:\n- pairs:\n    app.kubernetes.io/managed-by: flux-operator\n    app.kubernetes.io/part-of: flux\n");
        yield return new("patches apply in list order", "patches:\n- target: {kind: Deployment}\n  patch: |\n    - {op: add, path: /spec/template/spec/containers/0/args/-, value: --first}\n"
            + "- target: {kind: Deployment, name: app}\n  patch: |\n" + Indent(ManagerPatch("args: [--second]"), 4)
            + "- target: {kind: Deployment}\n  patch: |\n    - {op: add, path: /spec/template/spec/containers/0/args/-, value: --third}\n");
        yield return new("nested layer copies are reached by original name", Json(AppDeployment, MarkOperation),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\ncommonAnnotations:\n  sharding.fluxcd.io/role: shard\n");
        yield return new("annotation selector excludes nested copies", Json("{kind: Deployment, annotationSelector: \"!sharding.fluxcd.io/role\"}", MarkOperation),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\ncommonAnnotations:\n  sharding.fluxcd.io/role: shard\n");
        yield return new("target namespace sees nested namespace", Json("{kind: Deployment, namespace: flux-system}", MarkOperation),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\n");
        yield return new("target current name reaches one nested copy", Json("{name: app-shard1}", MarkOperation),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\n");
        yield return new("untargeted patch with nested copies has two matches", "patches:\n- patch: |\n" + Indent(DeploymentPatch("spec:\n  replicas: 2").Replace("name: any", "name: app", StringComparison.Ordinal), 4),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\n");
        yield return new("nested layer patches run before the root", Json(AppDeployment, "- op: replace\n  path: /spec/replicas\n  value: 5"),
            Nested: "nameSuffix: -shard1\n" + Json(AppDeployment, "- op: replace\n  path: /spec/replicas\n  value: 7"));
        yield return new("json sees the build annotations of nested copies", Json("{kind: Deployment, name: app-shard1}", "- op: copy\n  from: /metadata/annotations\n  path: /spec/seen"),
            Nested: "namespace: flux-system\nnameSuffix: -shard1\n");
        yield return new("json sees the build annotations after an unchanged namespace", Json("{kind: Kustomization, namespace: apps}", "- op: copy\n  from: /metadata/annotations\n  path: /spec/seen"),
            Nested: "namespace: apps\nnameSuffix: -x\n" + Json("{kind: Kustomization}", "- {op: add, path: /spec/suspend, value: true}"));
        yield return new("nested copy with the same id fails", string.Empty, Nested: "namespace: apps\n");
    }
}
