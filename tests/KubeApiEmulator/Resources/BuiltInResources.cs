namespace KubeApiEmulator.Resources;

/// <summary>The built-in resources the emulator serves from the start.</summary>
public static class BuiltInResources
{
    /// <summary>Every built-in resource type.</summary>
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("namespaces", "namespace", "Namespace", namespaced: false, status: true, shortNames: ["ns"]),
        Core("nodes", "node", "Node", namespaced: false, status: true, shortNames: ["no"]),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, shortNames: ["sa"]),
        Core("services", "service", "Service", namespaced: true, status: true, shortNames: ["svc"], categories: ["all"]),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, shortNames: ["cm"]),
        Core("secrets", "secret", "Secret", namespaced: true),
        Core("events", "event", "Event", namespaced: true, shortNames: ["ev"]),
        Core("persistentvolumeclaims", "persistentvolumeclaim", "PersistentVolumeClaim", namespaced: true, status: true, shortNames: ["pvc"]),
        Core("resourcequotas", "resourcequota", "ResourceQuota", namespaced: true, status: true, shortNames: ["quota"]),
        Of("apps", "v1", "deployments", "deployment", "Deployment", namespaced: true, status: true, generation: true, shortNames: ["deploy"], categories: ["all"]),
        Of("rbac.authorization.k8s.io", "v1", "roles", "role", "Role", namespaced: true),
        Of("rbac.authorization.k8s.io", "v1", "rolebindings", "rolebinding", "RoleBinding", namespaced: true),
        Of("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", namespaced: false),
        Of("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", namespaced: false),
        Of("networking.k8s.io", "v1", "networkpolicies", "networkpolicy", "NetworkPolicy", namespaced: true, generation: true, shortNames: ["netpol"]),
        Of("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition", namespaced: false, status: true, generation: true, shortNames: ["crd", "crds"]),
        Of("coordination.k8s.io", "v1", "leases", "lease", "Lease", namespaced: true),
        Of("events.k8s.io", "v1", "events", "event", "Event", namespaced: true, shortNames: ["ev"]),
        Review("authorization.k8s.io", "selfsubjectaccessreviews", "SelfSubjectAccessReview", namespaced: false),
        Review("authorization.k8s.io", "subjectaccessreviews", "SubjectAccessReview", namespaced: false),
        Review("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", namespaced: true),
        Review("authorization.k8s.io", "selfsubjectrulesreviews", "SelfSubjectRulesReview", namespaced: false),
        Review("authentication.k8s.io", "selfsubjectreviews", "SelfSubjectReview", namespaced: false),
    ];

    // The review APIs answer create only and store nothing.
    private static ResourceType Review(string group, string plural, string kind, bool namespaced) =>
        Of(group, "v1", plural, "", kind, namespaced) with { Verbs = ["create"] };

    private static ResourceType Core(string plural, string singular, string kind, bool namespaced, bool status = false,
        string[]? shortNames = null, string[]? categories = null) =>
        Of("", "v1", plural, singular, kind, namespaced, status, generation: false, shortNames, categories);

    private static ResourceType Of(string group, string version, string plural, string singular, string kind, bool namespaced,
        bool status = false, bool generation = false, string[]? shortNames = null, string[]? categories = null) => new()
    {
        Group = group,
        Version = version,
        Plural = plural,
        Singular = singular,
        Kind = kind,
        Namespaced = namespaced,
        HasStatus = status,
        TracksGeneration = generation,
        BuiltIn = true,
        ShortNames = shortNames ?? [],
        Categories = categories ?? [],
    };
}
