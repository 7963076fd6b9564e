namespace FluxOperator.Controllers.Tests.Rendering.Patching;

internal static partial class DifferentialCases
{
    private static IEnumerable<DifferentialCase> StrategicMergeCases()
    {
        yield return new("smp scalar replaces value", Smp(AppDeployment, DeploymentPatch("spec:\n  replicas: 3")));
        yield return new("smp new nested map is added", Smp(AppDeployment, DeploymentPatch(
            "spec:\n  template:\n    spec:\n      affinity:\n        nodeAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            nodeSelectorTerms:\n            - matchExpressions:\n              - {key: zone, operator: In, values: [a]}")));
        yield return new("smp null removes fields", Smp(AppDeployment, DeploymentPatch("spec:\n  replicas: null\n  template:\n    spec:\n      nodeSelector: null")));
        yield return new("smp patch replace directive replaces a map", Smp(AppDeployment, ManagerPatch("resources:\n  $patch: replace\n  limits:\n    memory: 2Gi")));
        yield return new("smp patch delete directive removes a map", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      nodeSelector:\n        $patch: delete")));
        yield return new("smp targeted labels null become the string null", Smp(AppDeployment, DeploymentPatch("  labels:\n    app.kubernetes.io/component: null\n  annotations:\n    team: null")));
        yield return new("smp targeted label values become strings", Smp("{kind: Service}", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels:\n    tier: 1\n  annotations:\n    weight: 5"));
        yield return new("smp untargeted labels null are removed", "patches:\n- patch: |\n" + Indent(DeploymentPatch("  labels:\n    app.kubernetes.io/component: null").Replace("name: any", "name: app", StringComparison.Ordinal), 4));
        yield return new("smp pod template labels null are removed", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    metadata:\n      labels:\n        app: null")));
        yield return new("smp delete object by target", Smp("{kind: NetworkPolicy, name: allow-scraping}", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: any\n$patch: delete"));
        yield return new("smp delete objects by kind regex", Smp("{kind: (NetworkPolicy|PersistentVolumeClaim|ServiceAccount)}", "apiVersion: v1\nkind: Any\nmetadata:\n  name: any\n$patch: delete"));
        yield return new("smp untargeted patch finds the object by id", "patches:\n- patch: |\n" + Indent("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  replicas: 2", 4));
        yield return new("smp untargeted multi document patch", "patches:\n- patch: |\n" + Indent("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\nspec:\n  replicas: 2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  type: NodePort", 4));
        yield return new("smp untargeted patch without match fails", "patches:\n- patch: |\n" + Indent("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: missing\nspec:\n  replicas: 2", 4));
        yield return new("smp untargeted patch with another apiVersion does not match", "patches:\n- patch: |\n" + Indent("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  replicas: 2", 4));
        yield return new("smp untargeted patch with namespace matches the namespaced object", "patches:\n- patch: |\n" + Indent("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: sync\n  namespace: apps\nspec:\n  prune: false", 4));
        yield return new("smp cannot rename or move the object", Smp("{kind: ServiceAccount}", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: renamed\n  namespace: elsewhere\n  annotations:\n    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/flux"));
        yield return new("smp two documents with a target fail", Smp(AppDeployment, DeploymentPatch("spec:\n  replicas: 3") + "\n---\n" + DeploymentPatch("spec:\n  replicas: 4")));
        yield return new("smp unknown directive fails", Smp(AppDeployment, DeploymentPatch("spec:\n  template:\n    spec:\n      nodeSelector:\n        $patch: remove")), SameMessage: false);
        yield return new("smp other directives are copied literally", Smp(AppDeployment, DeploymentPatch(
            "  $deleteFromPrimitiveList/finalizers: [example.com/a]\nspec:\n  strategy:\n    $retainKeys: [type]\n    type: Recreate\n  template:\n    spec:\n      $setElementOrder/containers: [{name: sidecar}, {name: manager}]")));
        yield return new("smp custom resource lists are replaced", Smp("{kind: Kustomization}", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: any\nspec:\n  dependsOn:\n  - name: apps\n  patches:\n  - patch: x\n    $patch: delete"));
        yield return new("smp crd versions are replaced", Smp("{kind: CustomResourceDefinition}", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: any\nspec:\n  versions:\n  - name: v2\n    served: true\n    storage: false"));
        yield return new("smp cluster role rules are replaced", Smp("{kind: ClusterRole}", "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: any\nrules:\n- apiGroups: [\"\"]\n  resources: [secrets]\n  verbs: [get]"));
        yield return new("smp network policy ingress is replaced", Smp("{kind: NetworkPolicy}", "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: any\nspec:\n  ingress:\n  - from:\n    - podSelector: {}"));
        yield return new("smp finalizers merge on built-in kinds", Smp(AppDeployment, DeploymentPatch("  finalizers: [example.com/b, example.com/a]")));
        yield return new("smp finalizers replace on custom resources", Smp("{kind: Kustomization}", "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: any\n  finalizers: [example.com/b]"));
        yield return new("smp without kind is not a patch", Smp(AppDeployment, "apiVersion: apps/v1\nmetadata:\n  name: any\nspec:\n  replicas: 2"));
        yield return new("smp without name is not a patch", Smp(AppDeployment, "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 2"));
        yield return new("smp without apiVersion is a patch", Smp(AppDeployment, "kind: Deployment\nmetadata:\n  name: any\nspec:\n  replicas: 2"));
        yield return new("smp patch kind mismatch fails", Smp(AppDeployment, DeploymentPatch("spec:\n  replicas:\n    count: 3")), SameMessage: false);
    }
}
