using FluxOperator.Controllers.Api.V1.Validation;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Api.V1.Validation;

public class FluxInstanceManifestTests
{
    private const string Distribution = "  distribution:\n    version: \"2.x\"\n    registry: ghcr.io/fluxcd\n";

    private static string Document(string spec, string name = "flux") =>
        $"apiVersion: fluxcd.controlplane.io/v1\nkind: FluxInstance\nmetadata:\n  name: {name}\n  namespace: flux-system\nspec:\n{spec}";

    private static IReadOnlyList<ValidationProblem> Check(string yaml) =>
        FluxInstanceManifest.Check(YamlDocuments.ParseObjects(yaml).Single());

    public static TheoryData<string, string, string> InvalidInputs => new()
    {
        // Rules the CRD expresses, in the API server's words.
        { "name other than flux", "other", "<root>: Invalid value: \"object\": the only accepted name for a FluxInstance is 'flux'" },
        { "no distribution", "  wait: true\n", "spec.distribution: Required value" },
        { "no version", "  distribution:\n    registry: ghcr.io/fluxcd\n", "spec.distribution.version: Required value" },
        { "empty registry", "  distribution:\n    version: 2.x\n    registry: \"\"\n", "spec.distribution.registry: Required value" },
        { "unknown component", Distribution + "  components: [source-controller, flagger]\n",
            "spec.components[1]: Unsupported value: \"flagger\": supported values: \"source-controller\", \"kustomize-controller\", \"helm-controller\", \"notification-controller\", \"image-reflector-controller\", \"image-automation-controller\", \"source-watcher\"" },
        { "unknown variant", "  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n    variant: distroless\n",
            "spec.distribution.variant: Unsupported value: \"distroless\": supported values: \"upstream-alpine\", \"enterprise-alpine\", \"enterprise-distroless\", \"enterprise-distroless-fips\"" },
        { "artifact without oci scheme", "  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n    artifact: ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest\n",
            "spec.distribution.artifact: Invalid value: \"ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest\": spec.distribution.artifact in body should match '^oci://.*$'" },
        { "unknown cluster type", Distribution + "  cluster:\n    type: k3s\n",
            "spec.cluster.type: Unsupported value: \"k3s\": supported values: \"kubernetes\", \"openshift\", \"aws\", \"azure\", \"gcp\"" },
        { "unknown cluster size", Distribution + "  cluster:\n    size: huge\n",
            "spec.cluster.size: Unsupported value: \"huge\": supported values: \"small\", \"medium\", \"large\"" },
        { "multitenant workload identity without object level", Distribution + "  cluster:\n    multitenantWorkloadIdentity: true\n    objectLevelWorkloadIdentity: false\n",
            "spec.cluster: Invalid value: \"object\": .objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true (set spec.cluster.objectLevelWorkloadIdentity: true)" },
        { "persistent shards without storage", Distribution + "  sharding:\n    shards: [shard1]\n    storage: persistent\n",
            "spec: Invalid value: \"object\": .spec.storage must be set when .spec.sharding.storage is 'persistent' (add spec.storage with class and size, or drop spec.sharding.storage)" },
        { "no shards", Distribution + "  sharding:\n    shards: []\n", "spec.sharding.shards: Invalid value: 0: spec.sharding.shards in body should have at least 1 items" },
        { "unknown shard storage", Distribution + "  sharding:\n    shards: [a]\n    storage: disk\n",
            "spec.sharding.storage: Unsupported value: \"disk\": supported values: \"ephemeral\", \"persistent\"" },
        { "storage without size", Distribution + "  storage:\n    class: standard\n", "spec.storage.size: Required value" },
        { "sync without kind", Distribution + "  sync:\n    url: https://github.com/org/fleet.git\n    ref: refs/heads/main\n    path: clusters/prod\n", "spec.sync.kind: Required value" },
        { "unknown sync kind", Distribution + "  sync:\n    kind: HelmRepository\n    url: https://example.com\n    ref: main\n    path: ./\n",
            "spec.sync.kind: Unsupported value: \"HelmRepository\": supported values: \"OCIRepository\", \"GitRepository\", \"Bucket\"" },
        { "gcp provider for git", Distribution + "  sync:\n    kind: GitRepository\n    url: https://github.com/org/fleet.git\n    ref: refs/heads/main\n    path: clusters/prod\n    provider: gcp\n",
            "spec.sync: Invalid value: \"object\": sync.provider 'gcp' is only supported for OCIRepository and Bucket" },
        { "github provider for oci", Distribution + "  sync:\n    kind: OCIRepository\n    url: oci://ghcr.io/org/fleet\n    ref: latest\n    path: ./\n    provider: github\n",
            "spec.sync: Invalid value: \"object\": sync.provider 'github' is only supported for GitRepository" },
        { "bad sync interval", Distribution + "  sync:\n    kind: OCIRepository\n    url: oci://ghcr.io/org/fleet\n    ref: latest\n    path: ./\n    interval: 1d\n",
            "spec.sync.interval: Invalid value: \"1d\": spec.sync.interval in body should match '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'" },
        { "sync name too long", Distribution + $"  sync:\n    name: {new string('a', 64)}\n    kind: OCIRepository\n    url: oci://ghcr.io/org/fleet\n    ref: latest\n    path: ./\n",
            "spec.sync.name: Too long: may not be more than 63 bytes" },
        { "patch without text", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment}\n", "spec.kustomize.patches[0].patch: Required value" },
        { "unknown field", Distribution + "  compnents: [source-controller]\n", "unknown field \"spec.compnents\"" },
        { "unquoted number as version", "  distribution:\n    version: 2.10\n    registry: ghcr.io/fluxcd\n",
            "spec.distribution.version: Invalid value: \"number\": spec.distribution.version in body must be of type string: \"number\" (quote the value in YAML)" },
        { "string as boolean", Distribution + "  wait: \"yes\"\n", "spec.wait: Invalid value: \"string\": spec.wait in body must be of type boolean: \"string\"" },

        // Semantic rules the API server cannot check.
        { "duplicate shard names", Distribution + "  sharding:\n    shards: [shard1, shard1]\n",
            "spec.sharding.shards[1]: duplicate shard name 'shard1' (each shard needs its own name; the build fails with 'may not add resource with an already registered id')" },
        { "shard name not a DNS label", Distribution + "  sharding:\n    shards: [Shard_1]\n",
            "spec.sharding.shards[0]: 'Shard_1' is not a DNS-1123 label (lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63); shard names become object names" },
        { "shard name too long for the app label", Distribution + $"  components: [source-controller, image-automation-controller]\n  sharding:\n    shards: [{new string('s', 40)}]\n",
            $"spec.sharding.shards[0]: '{new string('s', 40)}' is too long: the shard label 'app: image-automation-controller-{new string('s', 40)}' exceeds 63 characters (use at most 35 characters)" },
        { "duplicate component", Distribution + "  components: [source-controller, helm-controller, source-controller]\n",
            "spec.components[2]: duplicate component 'source-controller' (list each component once; the build fails on the second copy of its objects)" },
        { "unknown JSON6902 op", Distribution + "  kustomize:\n    patches:\n      - target:\n          kind: Namespace\n        patch: |\n          - op: removes\n            path: /metadata/labels/pod-security.kubernetes.io~1warn\n",
            "spec.kustomize.patches[0].patch[0].op: Unexpected kind: removes (use one of add, remove, replace, move, copy, test)" },
        { "JSON6902 without target", Distribution + "  kustomize:\n    patches:\n      - patch: '[{\"op\": \"remove\", \"path\": \"/spec/replicas\"}]'\n",
            "spec.kustomize.patches[0]: must specify a target for JSON patch [patch: \"[{\\\"op\\\": \\\"remove\\\", \\\"path\\\": \\\"/spec/replicas\\\"}]\"] (add a target, e.g. target: {kind: Deployment, name: source-controller})" },
        { "unparsable patch", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment}\n        patch: \"this is: [not valid\"\n",
            "spec.kustomize.patches[0].patch: unable to parse SM or JSON patch from [patch: \"this is: [not valid\"]: While parsing a flow sequence, did not find expected ',' or ']'. (write a YAML/JSON object for a strategic-merge patch or a list of operations for JSON6902)" },
        { "JSON pointer without slash", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment}\n        patch: |\n          - op: replace\n            path: spec/replicas\n            value: 2\n",
            "spec.kustomize.patches[0].patch[0].path: 'spec/replicas' is not a JSON pointer (start with '/', write '/' inside a key as ~1 and '~' as ~0)" },
        { "add without value", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment}\n        patch: '[{\"op\": \"add\", \"path\": \"/spec/replicas\"}]'\n",
            "spec.kustomize.patches[0].patch[0]: op 'add' needs a value" },
        { "target-less strategic merge with shards", Distribution + "  sharding:\n    shards: [shard1]\n  kustomize:\n    patches:\n      - patch: |\n          apiVersion: apps/v1\n          kind: Deployment\n          metadata:\n            name: source-controller\n          spec:\n            replicas: 2\n",
            "spec.kustomize.patches[0]: a strategic-merge patch without target for Deployment/source-controller matches the main object and its shard copies, so the build fails with 'multiple matches for Id' (add target: {kind: Deployment, name: source-controller}, with annotationSelector: \"!sharding.fluxcd.io/role\" to leave the shards alone)" },
        { "target-less strategic merge without name", Distribution + "  kustomize:\n    patches:\n      - patch: |\n          kind: Deployment\n          spec:\n            replicas: 2\n",
            "spec.kustomize.patches[0].patch: a strategic-merge patch without target must identify its object (set apiVersion, kind and metadata.name, or add a target)" },
        { "invalid target regex", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment, name: \"(source-controller\"}\n        patch: '[{\"op\": \"remove\", \"path\": \"/spec/replicas\"}]'\n",
            "spec.kustomize.patches[0].target.name: '(source-controller' is not a valid regular expression: error parsing regexp: missing closing ): `^(?:(source-controller)$`" },
        { "invalid label selector", Distribution + "  kustomize:\n    patches:\n      - target: {kind: Deployment, labelSelector: \"app in (a b\"}\n        patch: '[{\"op\": \"remove\", \"path\": \"/spec/replicas\"}]'\n",
            "spec.kustomize.patches[0].target.labelSelector: 'app in (a b' is not a valid selector: unable to parse requirement: found 'b', expected: ',' or ')'" },
        { "storage size not a quantity", Distribution + "  storage:\n    class: standard\n    size: 10GB\n",
            "spec.storage.size: '10GB' is not a Kubernetes quantity (use e.g. 10Gi or 500Mi)" },
        { "registry with scheme", "  distribution:\n    version: 2.x\n    registry: https://ghcr.io/fluxcd\n",
            "spec.distribution.registry: 'https://ghcr.io/fluxcd' is an image repository prefix, not a URL (drop the scheme, e.g. ghcr.io/fluxcd)" },
        { "oci sync with git url", Distribution + "  sync:\n    kind: OCIRepository\n    url: https://github.com/org/fleet.git\n    ref: latest\n    path: ./\n",
            "spec.sync.url: 'https://github.com/org/fleet.git' is not an OCI repository URL (OCIRepository needs oci://<registry>/<repository>)" },
        { "git sync with scp url", Distribution + "  sync:\n    kind: GitRepository\n    url: git@github.com:org/fleet.git\n    ref: refs/heads/main\n    path: ./\n",
            "spec.sync.url: 'git@github.com:org/fleet.git' is not a Git URL GitRepository accepts (use https://, http:// or ssh://; write git@host:org/repo as ssh://git@host/org/repo)" },
        { "github provider without secret", Distribution + "  sync:\n    kind: GitRepository\n    url: https://github.com/org/fleet.git\n    ref: refs/heads/main\n    path: ./\n    provider: github\n",
            "spec.sync.pullSecret: provider 'github' authenticates as a GitHub App whose credentials come from a Secret (set spec.sync.pullSecret)" },
        { "sync name not a DNS label", Distribution + "  sync:\n    name: Fleet_Sync\n    kind: OCIRepository\n    url: oci://ghcr.io/org/fleet\n    ref: latest\n    path: ./\n",
            "spec.sync.name: 'Fleet_Sync' is not a DNS-1123 label (lower-case alphanumerics and '-'); it names the generated source and Kustomization" },
        { "invalid common label value", Distribution + "  commonMetadata:\n    labels:\n      team: \"platform team\"\n",
            "spec.commonMetadata.labels[team]: 'platform team' is not a valid label value (at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric)" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Invalid_input_is_reported_with_its_exact_message(string scenario, string spec, string message)
    {
        var yaml = scenario == "name other than flux" ? Document(Distribution, name: spec) : Document(spec);

        var errors = Check(yaml).Where(p => !p.IsWarning).Select(p => p.Message).ToArray();

        Assert.True(errors.Length == 1 && errors[0] == message, $"{scenario}: expected\n  {message}\ngot\n  {string.Join("\n  ", errors)}");
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var yaml = Document("  distribution:\n    version: 2.x\n    registry: ghcr.io/fluxcd\n    variant: nope\n  components: [flagger]\n  cluster: {size: huge}\n  sharding: {shards: [a, a], storage: persistent}\n", name: "x");

        var paths = Check(yaml).Select(p => p.Path).ToArray();

        Assert.Equal(["<root>", "spec.distribution.variant", "spec.components[0]", "spec.cluster.size", "spec.sharding.shards[1]", "spec"], paths);
    }

    [Fact]
    public void Version_constraint_that_does_not_parse_is_reported_with_the_build_message()
    {
        var yaml = Document("  distribution:\n    version: \">=2.4 && <2.6\"\n    registry: ghcr.io/fluxcd\n");

        var problems = Check(yaml);

        Assert.Equal(
            "spec.distribution.version: semver '>=2.4 && <2.6' parse error: improper constraint: \">=2.4 && <2.6\" (use a constraint such as 2.x, 2.3.x, ~2.3, >=2.3 <2.5 or an exact version)",
            Assert.Single(problems).Message);
    }

    [Fact]
    public void Fields_without_effect_are_warnings_not_errors()
    {
        var yaml = Document(Distribution + "  cluster:\n    tenantDefaultDecryptionServiceAccount: sops\n");

        var problem = Assert.Single(Check(yaml));

        Assert.True(problem.IsWarning);
        Assert.Equal("spec.cluster.tenantDefaultDecryptionServiceAccount: has no effect without spec.cluster.multitenantWorkloadIdentity: true", problem.Message);
    }

    [Fact]
    public void Wrong_api_version_is_reported_like_kubectl()
    {
        var yaml = Document(Distribution).Replace("fluxcd.controlplane.io/v1", "fluxcd.controlplane.io/v1beta1", StringComparison.Ordinal);

        Assert.Equal(
            "no matches for kind \"FluxInstance\" in version \"fluxcd.controlplane.io/v1beta1\" (use apiVersion: fluxcd.controlplane.io/v1)",
            Assert.Single(Check(yaml)).Message);
    }

    [Theory]
    [InlineData("  kustomize:\n    patches:\n      - target: {kind: Deployment, labelSelector: \"app.kubernetes.io/component in (kustomize-controller, helm-controller)\", annotationSelector: \"!sharding.fluxcd.io/role\"}\n        patch: |\n          - op: add\n            path: /spec/template/spec/containers/0/args/-\n            value: --concurrency=10\n")]
    [InlineData("  kustomize:\n    patches:\n      - patch: |\n          apiVersion: apps/v1\n          kind: Deployment\n          metadata:\n            name: source-controller\n          spec:\n            replicas: 2\n")]
    [InlineData("  sharding:\n    shards: [shard1, shard2]\n    storage: persistent\n  storage:\n    class: standard\n    size: 10Gi\n")]
    [InlineData("  sync:\n    kind: GitRepository\n    url: https://github.com/org/fleet.git\n    ref: refs/heads/main\n    path: clusters/prod\n    provider: github\n    pullSecret: github-app\n")]
    [InlineData("  cluster:\n    multitenant: true\n    tenantDefaultServiceAccount: flux\n    objectLevelWorkloadIdentity: true\n    multitenantWorkloadIdentity: true\n    tenantDefaultDecryptionServiceAccount: sops\n")]
    public void Valid_input_has_no_problems(string extra) =>
        Assert.Empty(Check(Document(Distribution + extra)));
}
