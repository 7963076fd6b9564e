using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Apply;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The preparation of built objects that needs no cluster: ownership labels, <c>spec.commonMetadata</c>,
/// normalisation and the revision digest. (The data helpers that read the cluster live in <see cref="DataHelpers"/>.)
/// </summary>
public static class SetObjects
{
    /// <summary>Stamps the ownership labels, then the common labels and annotations (which may override them), on copies.</summary>
    public static IReadOnlyList<JsonObject> Stamp(IEnumerable<JsonObject> objects, ResourceSet set)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(set);
        var result = new List<JsonObject>();
        foreach (var source in objects)
        {
            var obj = source.DeepClone().AsObject();
            var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
            obj["metadata"] = metadata;
            var labels = Map(metadata, "labels");
            labels[LabelKeys.ResourceSetName] = set.Metadata.Name;
            labels[LabelKeys.ResourceSetNamespace] = set.Metadata.NamespaceProperty;
            foreach (var (key, value) in set.Spec.CommonMetadata?.Labels ?? [])
            {
                labels[key] = value;
            }

            if (set.Spec.CommonMetadata?.Annotations is { Count: > 0 } common)
            {
                var annotations = Map(metadata, "annotations");
                foreach (var (key, value) in common)
                {
                    annotations[key] = value;
                }
            }

            result.Add(obj);
        }

        return result;
    }

    /// <summary>Normalised copies (port protocols, Secret <c>stringData</c>, no status); throws <see cref="ApplyException"/>.</summary>
    public static IReadOnlyList<JsonObject> Normalize(IEnumerable<JsonObject> objects) => objects.Select(ObjectNormalizer.Normalize).ToArray();

    /// <summary><c>sha256:&lt;hex&gt;</c> over every object's YAML followed by <c>---\n</c>, in build order.</summary>
    public static string Digest(IEnumerable<JsonObject> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var obj in objects)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(YamlDocuments.Write(obj)));
            hash.AppendData("---\n"u8);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The <c>Group/Kind/namespace/name</c> key of an object (its identity without version).</summary>
    public static string Subject(JsonObject obj) => ObjectId.Of(obj).Subject;

    private static JsonObject Map(JsonObject metadata, string key)
    {
        if (metadata[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        metadata[key] = created;
        return created;
    }
}
