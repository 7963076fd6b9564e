using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Primitives;

/// <summary>
/// The order objects are applied and listed in (reversed for deletion): a fixed kind priority, then every other
/// kind, then the webhook configurations; ties by group, kind, namespace and name, all ordinal. The one order used by
/// the build's output, the apply stages, health checks, pruning and uninstall.
/// </summary>
public sealed class ApplyOrder : IComparer<ObjectId>
{
    private static readonly string[] FirstKinds =
    [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass", "StorageClass",
        "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota", "ServiceAccount", "Role",
        "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

    private ApplyOrder()
    {
    }

    /// <summary>The comparer of object identities in apply order.</summary>
    public static ApplyOrder Comparer { get; } = new();

    /// <summary>The rank of a kind: negative for the kinds applied first, 0 for the rest, 1 and 2 for webhooks.</summary>
    public static int Rank(string kind)
    {
        var index = Array.IndexOf(FirstKinds, kind);
        if (index >= 0)
        {
            return index - FirstKinds.Length;
        }

        return kind switch
        {
            "MutatingWebhookConfiguration" => 1,
            "ValidatingWebhookConfiguration" => 2,
            _ => 0,
        };
    }

    /// <summary>A stably sorted copy of <paramref name="manifests"/>.</summary>
    public static IReadOnlyList<JsonObject> Sort(IEnumerable<JsonObject> manifests) =>
        manifests.OrderBy(ObjectId.Of, Comparer).ToArray();

    /// <inheritdoc />
    public int Compare(ObjectId x, ObjectId y)
    {
        var result = Rank(x.Kind).CompareTo(Rank(y.Kind));
        if (result == 0)
        {
            result = string.CompareOrdinal(x.Group, y.Group);
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(x.Kind, y.Kind);
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(x.Namespace, y.Namespace);
        }

        return result == 0 ? string.CompareOrdinal(x.Name, y.Name) : result;
    }
}
