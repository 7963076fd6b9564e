namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>The part of the Kubernetes OpenAPI schema strategic merge needs: which lists merge, and by which keys.</summary>
/// <remarks>
/// kustomize (kyaml) consults its bundled Kubernetes 1.21 schema: a list merges by key only when the schema
/// declares <c>x-kubernetes-patch-strategy: merge</c>; its keys are <c>x-kubernetes-list-map-keys</c> when given,
/// else the patch merge key. Kinds outside the schema (custom resources) have no schema, so all their lists are
/// replaced. Lists added to Kubernetes after 1.21 (pod <c>resourceClaims</c>, <c>schedulingGates</c>) are replaced too,
/// which the differential tests pin.
/// </remarks>
internal sealed class MergeSchema
{
    private readonly Dictionary<string, MergeSchema> _fields = new(StringComparer.Ordinal);

    private MergeSchema(string? strategy = null, params string[] keys)
    {
        Strategy = strategy;
        Keys = keys;
    }

    /// <summary>The patch strategy of a list (<c>merge</c>, <c>merge,retainKeys</c>), or null.</summary>
    public string? Strategy { get; }

    /// <summary>The merge keys of a list of objects; empty for a list of scalars.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The schema of list elements.</summary>
    public MergeSchema? Items { get; private set; }

    /// <summary>True when the list merges element by element.</summary>
    public bool IsMergeList => Strategy is not null && Strategy.Split(',').Contains("merge", StringComparer.Ordinal);

    public MergeSchema? Field(string name) => _fields.GetValueOrDefault(name);

    /// <summary>The schema of the root object of a kind, or null when kyaml has no schema for it.</summary>
    public static MergeSchema? ForKind(string apiVersion, string kind) =>
        KnownKinds.Contains($"{apiVersion}/{kind}") ? (Kinds.GetValueOrDefault($"{apiVersion}/{kind}") ?? WithMetadata()) : null;

    private MergeSchema With(string name, MergeSchema schema)
    {
        _fields[name] = schema;
        return this;
    }

    private static MergeSchema Map() => new();

    private static MergeSchema MergeList(MergeSchema? items, params string[] keys) => new("merge", keys) { Items = items };

    private static MergeSchema ObjectMeta() => Map()
        .With("finalizers", MergeList(null))
        .With("ownerReferences", MergeList(Map(), "uid"));

    private static MergeSchema WithMetadata() => Map().With("metadata", ObjectMeta());

    private static MergeSchema Container() => Map()
        .With("ports", MergeList(Map(), "containerPort", "protocol"))
        .With("env", MergeList(Map(), "name"))
        .With("volumeMounts", MergeList(Map(), "mountPath"))
        .With("volumeDevices", MergeList(Map(), "devicePath"));

    private static MergeSchema PodSpec() => Map()
        .With("containers", MergeList(Container(), "name"))
        .With("initContainers", MergeList(Container(), "name"))
        .With("ephemeralContainers", MergeList(Container(), "name"))
        .With("volumes", new MergeSchema("merge,retainKeys", "name") { Items = Map() })
        .With("imagePullSecrets", MergeList(Map(), "name"))
        .With("hostAliases", MergeList(Map(), "ip"))
        .With("topologySpreadConstraints", MergeList(Map(), "topologyKey", "whenUnsatisfiable"));

    private static MergeSchema PodTemplate() => Map().With("metadata", ObjectMeta()).With("spec", PodSpec());

    private static MergeSchema Conditions() => MergeList(Map(), "type");

    private static MergeSchema Workload() => WithMetadata()
        .With("spec", Map().With("template", PodTemplate()))
        .With("status", Map().With("conditions", Conditions()));

    private static readonly Dictionary<string, MergeSchema> Kinds = new(StringComparer.Ordinal)
    {
        ["apps/v1/Deployment"] = Workload(),
        ["apps/v1/StatefulSet"] = Workload(),
        ["apps/v1/DaemonSet"] = Workload(),
        ["apps/v1/ReplicaSet"] = Workload(),
        ["v1/ReplicationController"] = Workload(),
        ["batch/v1/Job"] = Workload(),
        ["batch/v1/CronJob"] = WithMetadata().With("spec", Map().With("jobTemplate", Map().With("spec", Map().With("template", PodTemplate())))),
        ["batch/v1beta1/CronJob"] = WithMetadata().With("spec", Map().With("jobTemplate", Map().With("spec", Map().With("template", PodTemplate())))),
        ["v1/Pod"] = WithMetadata().With("spec", PodSpec()).With("status", Map().With("conditions", Conditions())),
        ["v1/PodTemplate"] = WithMetadata().With("template", PodTemplate()),
        ["v1/Service"] = WithMetadata().With("spec", Map().With("ports", MergeList(Map(), "port", "protocol"))),
        ["v1/ServiceAccount"] = WithMetadata().With("secrets", MergeList(Map(), "name")),
    };

    // Built-in kinds kyaml knows a schema for (Kubernetes 1.21); anything else merges without schema.
    private static readonly HashSet<string> KnownKinds = new(StringComparer.Ordinal)
    {
        "v1/ConfigMap", "v1/Secret", "v1/Namespace", "v1/Service", "v1/ServiceAccount", "v1/Pod", "v1/PodTemplate",
        "v1/PersistentVolumeClaim", "v1/PersistentVolume", "v1/ResourceQuota", "v1/LimitRange", "v1/Endpoints", "v1/Event",
        "v1/ReplicationController", "v1/Node", "v1/ComponentStatus",
        "apps/v1/Deployment", "apps/v1/StatefulSet", "apps/v1/DaemonSet", "apps/v1/ReplicaSet", "apps/v1/ControllerRevision",
        "batch/v1/Job", "batch/v1/CronJob", "batch/v1beta1/CronJob",
        "rbac.authorization.k8s.io/v1/ClusterRole", "rbac.authorization.k8s.io/v1/ClusterRoleBinding",
        "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding",
        "networking.k8s.io/v1/NetworkPolicy", "networking.k8s.io/v1/Ingress", "networking.k8s.io/v1/IngressClass",
        "policy/v1/PodDisruptionBudget", "policy/v1beta1/PodDisruptionBudget", "policy/v1beta1/PodSecurityPolicy",
        "apiextensions.k8s.io/v1/CustomResourceDefinition", "apiregistration.k8s.io/v1/APIService",
        "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration", "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration",
        "autoscaling/v1/HorizontalPodAutoscaler", "autoscaling/v2beta2/HorizontalPodAutoscaler",
        "scheduling.k8s.io/v1/PriorityClass", "storage.k8s.io/v1/StorageClass", "node.k8s.io/v1/RuntimeClass",
        "coordination.k8s.io/v1/Lease", "discovery.k8s.io/v1/EndpointSlice",
    };
}
