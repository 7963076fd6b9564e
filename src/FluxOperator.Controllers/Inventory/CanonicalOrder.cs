namespace FluxOperator.Controllers.Inventory;

/// <summary>
/// The order objects are applied and listed in (reversed for deletion): a fixed kind priority, then every other
/// kind, then the webhook configurations; ties by group, kind, namespace and name (ordinal).
/// </summary>
public sealed class CanonicalOrder : IComparer<ObjectId>
{
    private static readonly string[] First =
    [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass",
        "StorageClass", "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota",
        "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment",
        "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] Last = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    private CanonicalOrder()
    {
    }

    /// <summary>The shared instance.</summary>
    public static CanonicalOrder Instance { get; } = new();

    /// <summary>The kind's priority: lower goes first.</summary>
    public static int Rank(string kind)
    {
        var i = Array.IndexOf(First, kind);
        if (i >= 0)
        {
            return i;
        }

        var j = Array.IndexOf(Last, kind);
        return j >= 0 ? First.Length + 1 + j : First.Length;
    }

    /// <inheritdoc />
    public int Compare(ObjectId x, ObjectId y)
    {
        var c = Rank(x.Kind).CompareTo(Rank(y.Kind));
        if (c == 0)
        {
            c = string.CompareOrdinal(x.Group, y.Group);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Kind, y.Kind);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(x.Namespace, y.Namespace);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Name, y.Name);
    }
}
