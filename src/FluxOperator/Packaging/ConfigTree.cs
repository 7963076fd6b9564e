using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Packaging;

/// <summary>Builds a kustomization of the <c>config/</c> tree into objects, as <c>kubectl kustomize</c> does.</summary>
/// <remarks>
/// Only the subset the config tree uses: <c>resources</c> (files and directories) and <c>namespace</c>.
/// Any other kustomization field is refused rather than ignored, so the generators can never
/// silently disagree with kustomize; a test compares the result with the real <c>kubectl kustomize</c>.
/// </remarks>
public static class ConfigTree
{
    private static readonly HashSet<string> SupportedFields = ["apiVersion", "kind", "resources", "namespace"];

    // Kinds that take no namespace (the ones a config tree can reasonably hold).
    private static readonly HashSet<string> ClusterScopedKinds =
    [
        "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding", "PriorityClass",
        "StorageClass", "PersistentVolume", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
    ];

    // kustomize's legacy output order: these kinds first, in this order, the webhook configurations last.
    private static readonly string[] FirstKinds =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    private static readonly string[] LastKinds = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    /// <summary>Builds the kustomization in <paramref name="directory"/> into objects in kustomize's legacy order.</summary>
    /// <exception cref="InvalidDataException">The kustomization uses a field this builder does not implement, or a file is missing.</exception>
    public static IReadOnlyList<JsonObject> Build(string directory)
    {
        var objects = Accumulate(Path.GetFullPath(directory));
        return [.. objects.OrderBy(o => o, Comparer<JsonObject>.Create(CompareLegacy))];
    }

    /// <summary>True when objects of this kind are namespaced.</summary>
    public static bool IsNamespaced(string kind) => !ClusterScopedKinds.Contains(kind);

    private static List<JsonObject> Accumulate(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        if (!File.Exists(file))
        {
            throw new InvalidDataException($"{directory}: no kustomization.yaml");
        }

        var kustomization = YamlDocuments.ParseObjects(File.ReadAllText(file)).Single();
        var unsupported = kustomization.Select(p => p.Key).Where(k => !SupportedFields.Contains(k)).ToArray();
        if (unsupported.Length > 0)
        {
            throw new InvalidDataException($"{file}: fields not supported by the config builder: {string.Join(", ", unsupported)}");
        }

        var objects = new List<JsonObject>();
        foreach (var resource in kustomization["resources"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            var path = Path.GetFullPath(Path.Combine(directory, resource));
            if (Directory.Exists(path))
            {
                objects.AddRange(Accumulate(path));
            }
            else if (File.Exists(path))
            {
                objects.AddRange(YamlDocuments.ParseObjects(File.ReadAllText(path)));
            }
            else
            {
                throw new InvalidDataException($"{file}: resource {resource} does not exist");
            }
        }

        if (kustomization["namespace"]?.GetValue<string>() is { Length: > 0 } ns)
        {
            objects.ForEach(o => SetNamespace(o, ns));
        }

        return objects;
    }

    private static void SetNamespace(JsonObject obj, string ns)
    {
        var kind = obj["kind"]?.GetValue<string>() ?? string.Empty;
        if (IsNamespaced(kind))
        {
            obj["metadata"]!["namespace"] = ns;
        }

        // kustomize moves service account subjects of bindings along with the service accounts.
        if (kind is "RoleBinding" or "ClusterRoleBinding" && obj["subjects"] is JsonArray subjects)
        {
            foreach (var subject in subjects.OfType<JsonObject>().Where(s => s["kind"]?.GetValue<string>() == "ServiceAccount"))
            {
                subject["namespace"] = ns;
            }
        }
    }

    private static int CompareLegacy(JsonObject x, JsonObject y)
    {
        var byKind = KindRank(Kind(x)).CompareTo(KindRank(Kind(y)));
        if (byKind != 0)
        {
            return byKind;
        }

        return string.CompareOrdinal(SortKey(x), SortKey(y));
    }

    private static int KindRank(string kind)
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
