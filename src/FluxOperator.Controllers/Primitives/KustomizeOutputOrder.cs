using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Primitives;

/// <summary>
/// The order <c>kubectl kustomize</c> prints objects in (kustomize's legacy sort): a fixed kind list, then every other
/// kind, then the webhook configurations; ties by apiVersion, kind, namespace and name. It differs from
/// <see cref="ApplyOrder"/> on purpose: generated files built from <c>config/</c> must read exactly as kustomize
/// writes them, so a diff against <c>kubectl kustomize</c> stays empty.
/// </summary>
public static class KustomizeOutputOrder
{
    private static readonly string[] FirstKinds =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] LastKinds = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    /// <summary>A stably sorted copy of <paramref name="objects"/>.</summary>
    public static IReadOnlyList<JsonObject> Sort(IEnumerable<JsonObject> objects) =>
        [.. objects.OrderBy(o => o, Comparer<JsonObject>.Create(Compare))];

    private static int Compare(JsonObject x, JsonObject y)
    {
        var byKind = Rank(Kind(x)).CompareTo(Rank(Kind(y)));
        return byKind != 0 ? byKind : string.CompareOrdinal(SortKey(x), SortKey(y));
    }

    private static int Rank(string kind)
    {
        var first = Array.IndexOf(FirstKinds, kind);
        if (first >= 0)
        {
            return first - FirstKinds.Length;
        }

        var last = Array.IndexOf(LastKinds, kind);
        return last >= 0 ? last + 1 : 0;
    }

    private static string Kind(JsonObject obj) => obj["kind"]?.GetValue<string>() ?? string.Empty;

    private static string SortKey(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? string.Empty;
        var metadata = obj["metadata"];
        return $"{apiVersion}|{Kind(obj)}|{metadata?["namespace"]?.GetValue<string>()}|{metadata?["name"]?.GetValue<string>()}";
    }
}
