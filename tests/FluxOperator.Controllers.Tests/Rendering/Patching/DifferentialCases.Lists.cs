namespace FluxOperator.Controllers.Tests.Rendering.Patching;

internal static partial class DifferentialCases
{
    private static IEnumerable<DifferentialCase> ListMergeCases()
    {
        yield return new("env merges by name with patch elements first", Smp(AppDeployment, ManagerPatch(
            "env:\n- name: NEW1\n  value: a\n- name: TUF_ROOT\n  value: /changed\n- name: NEW2\n  value: b")));
        yield return new("env element delete directive", Smp(AppDeployment, ManagerPatch("env:\n- name: TUF_ROOT\n  $patch: delete")));
        yield return new("containers merge by name and keep image and args", Smp(AppDeployment, ManagerPatch("env:\n- name: HTTPS_PROXY\n  value: http://proxy:3128")));
        yield return new("new container is placed first", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      containers:\n      - name: extra\n        image: extra:v1")));
        yield return new("container delete directive", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        $patch: delete")));
        yield return new("init containers merge by name", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      initContainers:\n      - name: init\n        image: busybox:1.37\n      - name: init2\n        image: busybox:1.37")));
        yield return new("container ports with protocol merge", Smp(AppDeployment, ManagerPatch("ports:\n- containerPort: 9090\n  protocol: TCP\n  name: web")));
        yield return new("container port without protocol leaves the existing port", Smp(AppDeployment, ManagerPatch("ports:\n- containerPort: 9090\n  name: web")));
        yield return new("container port with another protocol is added", Smp(AppDeployment, ManagerPatch("ports:\n- containerPort: 9090\n  protocol: UDP\n  name: udp\n- containerPort: 7070\n  name: new")));
        yield return new("volume mounts merge by mount path", Smp(AppDeployment, ManagerPatch("volumeMounts:\n- mountPath: /data\n  readOnly: true\n- mountPath: /cache\n  name: cache")));
        yield return new("volumes merge by name with delete", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      volumes:\n      - name: tmp\n        $patch: delete\n      - name: data\n        persistentVolumeClaim:\n          claimName: cache")));
        yield return new("tolerations are replaced", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      tolerations:\n      - key: role\n        operator: Equal\n        value: flux\n        effect: NoSchedule")));
        yield return new("pod image pull secrets merge by name", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      imagePullSecrets:\n      - name: pull-b")));
        yield return new("service account secrets merge and image pull secrets are replaced", Smp("{kind: ServiceAccount}",
            "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: any\nsecrets:\n- name: token-b\nimagePullSecrets:\n- name: pull-b"));
        yield return new("service ports merge by port and protocol", Smp("{kind: Service}",
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: any\nspec:\n  ports:\n  - name: http\n    port: 80\n    protocol: TCP\n    targetPort: 8081\n  - name: https\n    port: 443\n    protocol: TCP"));
        yield return new("container args are replaced", Smp(AppDeployment, ManagerPatch("args:\n- --log-level=debug")));
        yield return new("init container command is replaced", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      initContainers:\n      - name: init\n        command: [sh]")));
        yield return new("env from is replaced", Smp(AppDeployment, ManagerPatch("envFrom:\n- configMapRef:\n    name: settings")));
        yield return new("topology spread constraints merge", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      topologySpreadConstraints:\n      - maxSkew: 1\n        topologyKey: zone\n        whenUnsatisfiable: DoNotSchedule")));
        yield return new("host aliases merge by ip", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      hostAliases:\n      - ip: 10.0.0.1\n        hostnames: [a]")));
        yield return new("resource claims newer than the schema are replaced", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      resourceClaims:\n      - name: gpu\n        source:\n          resourceClaimName: gpu")));
        yield return new("two containers patched in one list", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      containers:\n      - name: sidecar\n        image: sidecar:v3\n      - name: manager\n        imagePullPolicy: Always")));
        yield return new("list null clears the list", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      tolerations: null\n      volumes: null")));
        yield return new("replace directive element in a merge list", Smp(AppDeployment, ManagerPatch("env:\n- $patch: replace\n- name: ONLY\n  value: x")));
        yield return new("explicit merge directive on a map", Smp(AppDeployment, ManagerPatch("resources:\n  $patch: merge\n  limits:\n    cpu: \"2\"")));
        yield return new("replace directive on a new map keeps the map", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      securityContext:\n        $patch: replace\n        runAsNonRoot: true")));
        yield return new("delete directive on a new map adds nothing", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      securityContext:\n        $patch: delete")));
        yield return new("volume with a different source type is merged", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      volumes:\n      - name: data\n        emptyDir: null\n        persistentVolumeClaim:\n          claimName: cache")));
        yield return new("cron job pod template merges by schema", Smp("{kind: CronJob}", "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: any\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: cleanup\n            env:\n            - name: B\n              value: \"2\""));
        yield return new("container without a name in the patch", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      containers:\n      - image: nameless:v1")));
    }
}
