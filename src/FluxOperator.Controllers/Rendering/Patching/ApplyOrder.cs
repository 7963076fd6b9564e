using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>The order objects are applied in: kind rank, API group, kind, namespace, name, all ordinal.</summary>
public static class ApplyOrder
{
    private static readonly string[] FirstKinds =
    [
        "CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterClass", "RuntimeClass", "PriorityClass", "StorageClass",
        "VolumeSnapshotClass", "IngressClass", "GatewayClass", "ClusterRoleBinding", "ResourceQuota", "ServiceAccount", "Role",
        "RoleBinding", "ConfigMap", "Secret", "Service", "LimitRange", "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ];

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
        manifests.OrderBy(m => ResourceId.Of(m), Comparer).ToArray();

    /// <summary>A stably sorted copy of <paramref name="resources"/> by their current identity.</summary>
    public static IReadOnlyList<Resource> Sort(IEnumerable<Resource> resources) =>
        resources.OrderBy(r => r.CurrentId, Comparer).ToArray();

    /// <summary>Compares identities in apply order.</summary>
    public static IComparer<ResourceId> Comparer { get; } = Comparer<ResourceId>.Create(Compare);

    private static int Compare(ResourceId? x, ResourceId? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

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
