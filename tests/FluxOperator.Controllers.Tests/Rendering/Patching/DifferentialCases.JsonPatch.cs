namespace FluxOperator.Controllers.Tests.Rendering.Patching;

internal static partial class DifferentialCases
{
    private const string ArgsPath = "/spec/template/spec/containers/0/args";

    private static IEnumerable<DifferentialCase> JsonPatchCases()
    {
        yield return new("json add appends with dash", Json(AppDeployment, $"- op: add\n  path: {ArgsPath}/-\n  value: --concurrent=10"));
        yield return new("json add inserts at an index", Json(AppDeployment, $"- op: add\n  path: {ArgsPath}/1\n  value: --inserted"));
        yield return new("json negative indices count from the end", Json(AppDeployment,
            $"- op: add\n  path: {ArgsPath}/-1\n  value: --last\n- op: remove\n  path: {ArgsPath}/-3\n- op: replace\n  path: /spec/template/spec/containers/-1/image\n  value: sidecar:v9"));
        yield return new("json replace of a missing member adds it", Json(AppDeployment, "- op: replace\n  path: /spec/template/spec/hostNetwork\n  value: true"));
        yield return new("json remove with escaped slash", Json("{kind: Namespace}", "- op: remove\n  path: /metadata/labels/pod-security.kubernetes.io~1warn"));
        yield return new("json tilde escape", Json(AppDeployment, "- op: add\n  path: /metadata/annotations/a~0b~1c\n  value: x"));
        yield return new("json move and copy", Json(AppDeployment,
            "- op: copy\n  from: /spec/template/spec/containers/0/env/1\n  path: /spec/template/spec/containers/1/env\n- op: move\n  from: /spec/replicas\n  path: /spec/template/metadata/annotations/replicas"));
        yield return new("json copy into a list", Json(AppDeployment,
            "- op: copy\n  from: /spec/template/spec/containers/0/env/1\n  path: /spec/template/spec/containers/0/env/0"));
        yield return new("json copy from a missing member writes null", Json(AppDeployment, "- op: copy\n  from: /spec/nothing\n  path: /spec/copied"));
        yield return new("json test then replace", Json(AppDeployment, "- op: test\n  path: /spec/replicas\n  value: 1\n- op: replace\n  path: /spec/replicas\n  value: 2"));
        yield return new("json failed test fails", Json(AppDeployment, "- op: test\n  path: /spec/replicas\n  value: 3"));
        yield return new("json test of a string against a number fails", Json(AppDeployment, "- op: test\n  path: /spec/replicas\n  value: \"1\""));
        yield return new("json remove of a missing member fails", Json("{kind: Namespace}", "- op: remove\n  path: /metadata/labels/pod-security.kubernetes.io~1enforce"));
        yield return new("json add under a missing parent fails", Json(AppDeployment, "- op: add\n  path: /spec/template/spec/affinity/nodeAffinity\n  value: {}"));
        yield return new("json replace under a missing parent fails", Json(AppDeployment, "- op: replace\n  path: /spec/nothing/deeper\n  value: 1"));
        yield return new("json unknown operation fails", Json("{kind: Namespace}", "- op: removes\n  path: /metadata/labels/pod-security.kubernetes.io~1warn"));
        yield return new("json replace beyond the end fails", Json(AppDeployment, $"- op: replace\n  path: {ArgsPath}/9\n  value: x"));
        yield return new("json remove beyond the end fails", Json(AppDeployment, $"- op: remove\n  path: {ArgsPath}/9"));
        yield return new("json add beyond the end fails", Json(AppDeployment, $"- op: add\n  path: {ArgsPath}/9\n  value: x"));
        yield return new("json non numeric index fails", Json(AppDeployment, $"- op: add\n  path: {ArgsPath}/x\n  value: y"));
        yield return new("json move from a missing member fails", Json(AppDeployment, "- op: move\n  from: /spec/nothing\n  path: /spec/other"));
        yield return new("json patch without target fails", "patches:\n- patch: |\n    - op: add\n      path: /spec/replicas\n      value: 2\n");
        yield return new("json patch written as json", "patches:\n- target: {kind: Deployment}\n  patch: '[{\"op\": \"add\", \"path\": \"/spec/paused\", \"value\": true}]'\n");
        yield return new("json rename updates references", Json("{kind: ServiceAccount, name: app}", "- op: replace\n  path: /metadata/name\n  value: app-renamed"));
        yield return new("json annotation values become strings", Json(AppDeployment, "- op: add\n  path: /metadata/annotations/weight\n  value: 5\n- op: add\n  path: /metadata/labels/tier\n  value: 1"));
        yield return new("json add annotation on object without annotations", Json("{kind: PersistentVolumeClaim}", "- op: add\n  path: /metadata/annotations/note\n  value: x"));
        yield return new("json removing the last annotation drops the map", Json("{kind: Service}", "- op: remove\n  path: /metadata/annotations/team"));
        yield return new("json test compares whole objects", Json("{kind: PersistentVolumeClaim}", "- op: test\n  path: /spec/resources\n  value: {requests: {storage: 1Gi}, limits: {storage: 2Gi}}\n- op: add\n  path: /spec/tested\n  value: true"));
        yield return new("json test of an equal object passes", Json("{kind: PersistentVolumeClaim}", "- op: test\n  path: /spec/resources\n  value: {requests: {storage: 1Gi}}\n- op: add\n  path: /spec/tested\n  value: true"));
        yield return new("json sees the build annotations", Json("{kind: Kustomization}", "- op: copy\n  from: /metadata/annotations\n  path: /spec/seen"));
        yield return new("json sees the build annotations of cluster scoped objects", Json("{kind: ClusterRole}", "- op: copy\n  from: /metadata/annotations\n  path: /aggregationRule"));
        yield return new("json path without leading slash addresses the root", Json("{kind: PersistentVolumeClaim}", "- op: add\n  path: spec/volumeMode\n  value: Filesystem"));
        yield return new("json remove of a whole list element then append", Json(AppDeployment, "- op: remove\n  path: /spec/template/spec/containers/1\n- op: add\n  path: /spec/template/spec/containers/-\n  value: {name: added, image: added:v1}"));
        yield return new("text that is neither patch kind fails", "patches:\n- target: {kind: Namespace}\n  patch: 'this is: [not valid'\n");
        yield return new("empty sequence qualifies as both kinds", "patches:\n- target: {kind: Namespace}\n  patch: '[]'\n");
    }
}
