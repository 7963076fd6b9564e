using System.Text;
using FluxOperator.Controllers.Rendering.Patching;

namespace FluxOperator.Controllers.Tests.Rendering.Patching;

/// <summary>
/// A Flux-operator-shaped kustomization over one real release (read in place): a roles layer over rbac.yaml, a shard
/// layer over two controllers, then root patches of every kind the renderer uses, namespace, images and labels.
/// </summary>
internal sealed class ReleaseKustomization(string releaseFolder)
{
    private static readonly string[] Components =
        ["source-controller", "kustomize-controller", "helm-controller", "notification-controller", "image-reflector-controller", "image-automation-controller", "source-watcher"];

    public string Version => Path.GetFileName(releaseFolder);

    private IEnumerable<string> PresentComponents => Components.Where(c => System.IO.File.Exists(File(c)));

    private string File(string component) => Path.Combine(releaseFolder, component + ".yaml");

    public const string Roles = "namespace: flux-system\nnameSuffix: -flux-system\n";

    public const string Shard = """
        namespace: flux-system
        nameSuffix: -shard1
        commonAnnotations:
          sharding.fluxcd.io/role: shard
        patches:
        - target:
            kind: (Namespace|CustomResourceDefinition|ClusterRole|ClusterRoleBinding|ServiceAccount|NetworkPolicy|ResourceQuota)
          patch: |
            apiVersion: v1
            kind: All
            metadata:
              name: all
            $patch: delete
        - target: {kind: Service, name: source-controller}
          patch: |
            - {op: replace, path: /spec/selector/app, value: source-controller-shard1}
        - target: {kind: Deployment, name: source-controller}
          patch: |
            - {op: replace, path: /spec/selector/matchLabels/app, value: source-controller-shard1}
            - {op: replace, path: /spec/template/metadata/labels/app, value: source-controller-shard1}
            - {op: add, path: /spec/template/spec/containers/0/args/-, value: --storage-adv-addr=source-controller-shard1.$(RUNTIME_NAMESPACE).svc.cluster.local.}
        - target: {kind: Deployment, name: (source-controller|kustomize-controller)}
          patch: |
            - {op: add, path: /spec/template/spec/containers/0/args/-, value: --watch-label-selector=sharding.fluxcd.io/key=shard1}

        """;

    public string Root()
    {
        var text = new StringBuilder("namespace: flux-system\npatches:\n");
        text.Append("""
            - target: {kind: Deployment}
              patch: |
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: all
                spec:
                  template:
                    spec:
                      nodeSelector:
                        kubernetes.io/os: linux
                      imagePullSecrets:
                      - name: regcred

            """);
        foreach (var component in PresentComponents)
        {
            text.Append($"- target: {{group: apps, version: v1, kind: Deployment, name: {component}}}\n  patch: |\n")
                .Append("    - {op: replace, path: /spec/template/spec/containers/0/args/0, value: --events-addr=}\n")
                .Append("    - {op: replace, path: /spec/template/spec/containers/0/args/1, value: --watch-all-namespaces=true}\n")
                .Append("    - {op: replace, path: /spec/template/spec/containers/0/args/2, value: --log-level=info}\n");
        }

        text.Append("""
            - target: {kind: Deployment, name: (source-controller|kustomize-controller), annotationSelector: "!sharding.fluxcd.io/role"}
              patch: |
                - {op: add, path: /spec/template/spec/containers/0/args/-, value: "--watch-label-selector=!sharding.fluxcd.io/key"}
            - target: {kind: Deployment}
              patch: |
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: all
                spec:
                  template:
                    metadata:
                      annotations:
                        cluster-autoscaler.kubernetes.io/safe-to-evict: "true"
                    spec:
                      containers:
                      - name: manager
                        resources:
                          limits:
                            memory: 2Gi
                        env:
                        - name: HTTPS_PROXY
                          value: http://proxy:3128
                        - name: GOMAXPROCS
                          value: "4"
                      tolerations:
                      - {key: role, operator: Equal, value: flux, effect: NoSchedule}
            - target: {kind: Deployment, labelSelector: "app.kubernetes.io/component in (kustomize-controller, helm-controller)"}
              patch: |
                - {op: add, path: /spec/template/spec/containers/0/args/-, value: --concurrent=10}
            - target: {kind: ServiceAccount, name: "(source|kustomize)-controller"}
              patch: |
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: any
                  annotations:
                    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/flux
            - target: {kind: NetworkPolicy, name: allow-scraping}
              patch: |
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: any
                $patch: delete
            - target: {kind: Deployment}
              patch: |
                - {op: remove, path: /spec/template/spec/securityContext}
                - {op: remove, path: /spec/template/spec/containers/0/securityContext/seccompProfile}
                - {op: remove, path: /spec/template/spec/containers/0/securityContext/runAsNonRoot}
            - target: {kind: Deployment, name: (kustomize-controller|helm-controller)}
              patch: |
                - {op: add, path: /spec/template/spec/containers/0/args/-, value: --requeue-dependency=5s}
                - op: replace
                  path: /spec/template/spec/containers/0/resources
                  value: {requests: {cpu: 100m, memory: 256Mi}, limits: {cpu: 3000m, memory: 3Gi}}
            - target: {kind: CustomResourceDefinition, name: alerts.notification.toolkit.fluxcd.io}
              patch: |
                - {op: add, path: /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/eventSources/items/properties/kind/enum/-, value: FluxInstance}
                - {op: add, path: /spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/eventSources/items/properties/kind/enum/-, value: ResourceSet}
            - target: {kind: ClusterRole, name: crd-controller}
              patch: |
                - op: add
                  path: /rules/-
                  value: {apiGroups: [fluxcd.controlplane.io], resources: ["*"], verbs: ["*"]}
            - target: {kind: CustomResourceDefinition, name: "kustomizations.*"}
              patch: |
                - {op: add, path: /metadata/annotations/checked, value: "yes"}
            images:

            """);
        foreach (var component in PresentComponents)
        {
            text.Append($"- name: fluxcd/{component}\n  newName: ghcr.io/fluxcd/{component}\n  newTag: v9.9.9\n")
                .Append("  digest: sha256:9999999999999999999999999999999999999999999999999999999999999999\n");
        }

        text.Append("labels:\n- pairs:\n    app.kubernetes.io/managed-by: flux-operator\n    app.kubernetes.io/instance: flux-system\n");
        return text.ToString();
    }

    /// <summary>Root resources in emission order: policies, the roles layer, the components, the shard layer.</summary>
    public IEnumerable<string> RootFiles() => new[] { "policies" }.Concat(PresentComponents).Select(File).Where(System.IO.File.Exists);

    public IEnumerable<string> ShardFiles() => new[] { "source-controller", "kustomize-controller" }.Select(File);

    public string RolesFile => Path.Combine(releaseFolder, "rbac.yaml");

    /// <summary>The same tree as our layers.</summary>
    public Layer ToLayer()
    {
        var roles = KustomizationFragment.ToLayer(Roles).AddYaml(System.IO.File.ReadAllText(RolesFile));
        var shard = KustomizationFragment.ToLayer(Shard);
        foreach (var file in ShardFiles())
        {
            shard.AddYaml(System.IO.File.ReadAllText(file));
        }

        var root = KustomizationFragment.ToLayer(Root());
        var files = RootFiles().ToList();
        root.AddYaml(System.IO.File.ReadAllText(files[0])).Add(roles);
        foreach (var file in files.Skip(1))
        {
            root.AddYaml(System.IO.File.ReadAllText(file));
        }

        return root.Add(shard);
    }

    /// <summary>The same tree as kustomization folders under <paramref name="directory"/>, referring to the release files in place.</summary>
    public void WriteTo(string directory)
    {
        static string Resources(IEnumerable<string> entries) => "resources:\n" + string.Concat(entries.Select(e => $"- {e}\n"));
        Directory.CreateDirectory(Path.Combine(directory, "roles"));
        Directory.CreateDirectory(Path.Combine(directory, "shard"));
        System.IO.File.WriteAllText(Path.Combine(directory, "roles", "kustomization.yaml"), Resources([RolesFile]) + Roles);
        System.IO.File.WriteAllText(Path.Combine(directory, "shard", "kustomization.yaml"), Resources(ShardFiles()) + Shard);
        var files = RootFiles().ToList();
        var entries = new[] { files[0], "roles" }.Concat(files.Skip(1)).Append("shard");
        System.IO.File.WriteAllText(Path.Combine(directory, "kustomization.yaml"), Resources(entries) + "sortOptions:\n  order: fifo\n" + Root());
    }
}
