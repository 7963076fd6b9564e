using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Rendering;
using FluxOperator.Controllers.Rendering.Patching;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Tests.Rendering;

/// <summary>Test oracle: the build as a kustomize overlay (the Go operator's shape): root, roles layer, one layer per shard.</summary>
/// <remarks>
/// Made from the same parameters and built-in patch data as <see cref="FluxInstanceRenderer"/>, so <c>kubectl kustomize</c>
/// over it is an independent oracle for the renderer and a fair speed comparison. One known difference: kustomize's
/// <c>commonAnnotations</c> also annotate pod templates, which the operator's root annotations do not.
/// </remarks>
public static class KustomizationTree
{
    /// <summary>Files by relative path (<c>kustomization.yaml</c>, <c>roles/…</c>, <c>shard-&lt;s&gt;/…</c>); write them and run kustomize on the root.</summary>
    public static IReadOnlyDictionary<string, string> For(BuildParameters parameters, ReleaseManifests release)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(release);
        var gates = ReleaseGates.FromVersion(parameters.Version);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var resources = new JsonArray();
        void Resource(string path, string text)
        {
            files[path] = text;
            resources.Add(path);
        }

        Resource("namespace.yaml", YamlDocuments.Write(GeneratedObjects.Namespace(parameters.Namespace)));
        if (parameters.NetworkPolicy)
        {
            Resource("policies.yaml", release.Text("policies"));
        }

        var roles = RolesLayer.Create(release.Text("rbac"), parameters.Namespace, gates, WorkloadIdentity.RemovesTokenPermission(parameters, gates));
        files["roles/rbac.yaml"] = parameters.Namespace == "flux-system"
            ? release.Text("rbac")
            : release.Text("rbac").Replace("flux-system", parameters.Namespace, StringComparison.Ordinal);
        files["roles/kustomization.yaml"] = Kustomization(new JsonArray("rbac.yaml"), roles);
        resources.Add("roles");
        foreach (var component in parameters.Components)
        {
            Resource(component + ".yaml", release.Text(component));
        }

        foreach (var shard in parameters.Shards)
        {
            AddShard(files, shard, parameters, release, gates);
            resources.Add("shard-" + shard);
        }

        if (parameters.Storage is not null)
        {
            Resource("pvc.yaml", YamlDocuments.Write(GeneratedObjects.PersistentVolumeClaim(parameters.Storage)));
        }

        if (parameters.Sync is not null)
        {
            Resource("sync.yaml", YamlDocuments.WriteAll(
                [GeneratedObjects.SyncSource(parameters.Sync, parameters.Namespace, gates), GeneratedObjects.SyncKustomization(parameters.Sync, parameters.Namespace)]));
        }

        var kustomization = RootKustomization(resources, parameters, gates);
        files["kustomization.yaml"] = YamlDocuments.Write(kustomization);
        return files;
    }

    private static void AddShard(IDictionary<string, string> files, string shard, BuildParameters parameters, ReleaseManifests release, ReleaseGates gates)
    {
        var resources = new JsonArray();
        foreach (var component in parameters.Components.Where(c => ShardLayer.IsShardable(c, gates)))
        {
            files[$"shard-{shard}/{component}.yaml"] = release.Text(component);
            resources.Add(component + ".yaml");
        }

        if (parameters.PersistentShardStorage)
        {
            files[$"shard-{shard}/pvc.yaml"] = YamlDocuments.Write(GeneratedObjects.PersistentVolumeClaim(parameters.Storage));
            resources.Add("pvc.yaml");
        }

        files[$"shard-{shard}/kustomization.yaml"] = Kustomization(resources, ShardLayer.Create(shard, [], parameters, gates));
    }

    private static JsonObject RootKustomization(JsonArray resources, BuildParameters parameters, ReleaseGates gates)
    {
        var root = new Layer { Namespace = parameters.Namespace };
        foreach (var patch in RootPatches.For(parameters, gates))
        {
            root.Patches.Add(patch);
        }

        var kustomization = KustomizationNode(resources, root);
        if (!string.IsNullOrEmpty(parameters.Registry) && parameters.Images.Count > 0)
        {
            kustomization["images"] = new JsonArray(parameters.Images.Select(i =>
            {
                var entry = new JsonObject { ["name"] = "fluxcd/" + i.Name, ["newName"] = i.Repository, ["newTag"] = i.Tag };
                if (!string.IsNullOrEmpty(i.Digest))
                {
                    entry["digest"] = i.Digest;
                }

                return (JsonNode)entry;
            }).ToArray());
        }

        kustomization["commonAnnotations"] = Map(FluxInstanceRenderer.RootAnnotations);
        kustomization["labels"] = new JsonArray(new JsonObject { ["pairs"] = Map(FluxInstanceRenderer.RootLabels(parameters)) });
        return kustomization;
    }

    private static string Kustomization(JsonArray resources, Layer layer)
    {
        var node = KustomizationNode(resources, layer);
        if (layer.CommonAnnotations.Count > 0)
        {
            node["commonAnnotations"] = Map(layer.CommonAnnotations);
        }

        return YamlDocuments.Write(node);
    }

    private static JsonObject KustomizationNode(JsonArray resources, Layer layer)
    {
        var node = new JsonObject
        {
            ["apiVersion"] = "kustomize.config.k8s.io/v1beta1",
            ["kind"] = "Kustomization",
            ["resources"] = resources,
        };
        if (layer.Namespace is not null)
        {
            node["namespace"] = layer.Namespace;
        }

        if (layer.NameSuffix is not null)
        {
            node["nameSuffix"] = layer.NameSuffix;
        }

        node["patches"] = new JsonArray(layer.Patches.Select(p => (JsonNode)PatchEntry(p)).ToArray());
        return node;
    }

    private static JsonObject PatchEntry(Patch patch)
    {
        var entry = new JsonObject { ["patch"] = patch.Text };
        if (patch.Target is { } t)
        {
            var target = new JsonObject();
            foreach (var (key, value) in new[]
                     {
                         ("group", t.Group), ("version", t.Version), ("kind", t.Kind), ("name", t.Name), ("namespace", t.Namespace),
                         ("labelSelector", t.LabelSelector), ("annotationSelector", t.AnnotationSelector),
                     })
            {
                if (value is not null)
                {
                    target[key] = value;
                }
            }

            entry["target"] = target;
        }

        return entry;
    }

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value))));
}
