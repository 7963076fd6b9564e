namespace FluxOperator.Controllers.Primitives;

/// <summary>
/// The built-in cluster-scoped kinds, as kustomize lists them: what a build or a config tree may assume without asking
/// discovery (every other kind counts as namespaced offline; in a cluster the REST mapper has the final word).
/// </summary>
public static class ClusterScopedKinds
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ComponentStatus", "CustomResourceDefinition", "APIService",
        "ClusterRole", "ClusterRoleBinding", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
        "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "IngressClass", "RuntimeClass",
        "PodSecurityPolicy", "PriorityClass", "CSIDriver", "CSINode", "StorageClass", "VolumeAttachment",
    };

    /// <summary>True when objects of <paramref name="kind"/> take no namespace.</summary>
    public static bool Contains(string kind) => Kinds.Contains(kind);
}
