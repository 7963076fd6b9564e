using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
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

    /// <summary>Builds the kustomization in <paramref name="directory"/> into objects in kustomize's legacy order.</summary>
    /// <exception cref="InvalidDataException">The kustomization uses a field this builder does not implement, or a file is missing.</exception>
    public static IReadOnlyList<JsonObject> Build(string directory)
    {
        var objects = Accumulate(Path.GetFullPath(directory));
        return KustomizeOutputOrder.Sort(objects);
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
}
