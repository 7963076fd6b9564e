namespace FluxOperator.Controllers.Primitives;

/// <summary>The built-in Kubernetes resources the operator addresses without discovery: one registry for every caller.</summary>
public static class KubeResources
{
    /// <summary>Namespaces (<c>v1</c>, cluster-scoped).</summary>
    public static ResourceType Namespace { get; } = new("", "v1", "Namespace", "namespaces", false);

    /// <summary>Nodes (<c>v1</c>, cluster-scoped).</summary>
    public static ResourceType Node { get; } = new("", "v1", "Node", "nodes", false);

    /// <summary>Secrets (<c>v1</c>).</summary>
    public static ResourceType Secret { get; } = new("", "v1", "Secret", "secrets", true);

    /// <summary>ConfigMaps (<c>v1</c>).</summary>
    public static ResourceType ConfigMap { get; } = new("", "v1", "ConfigMap", "configmaps", true);

    /// <summary>Core events (<c>v1</c>).</summary>
    public static ResourceType Event { get; } = new("", "v1", "Event", "events", true);

    /// <summary>Deployments (<c>apps/v1</c>).</summary>
    public static ResourceType Deployment { get; } = new("apps", "v1", "Deployment", "deployments", true);

    /// <summary>Leases (<c>coordination.k8s.io/v1</c>), the leader-election lock.</summary>
    public static ResourceType Lease { get; } = new("coordination.k8s.io", "v1", "Lease", "leases", true);

    /// <summary>CustomResourceDefinitions (<c>apiextensions.k8s.io/v1</c>).</summary>
    public static ResourceType CustomResourceDefinition { get; } =
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
}
