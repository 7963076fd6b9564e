using System.Text.Json.Nodes;
using KubeApiEmulator.Json;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Storage;

/// <summary>An immutable stored object: its JSON bytes plus the metadata the store indexes and filters by.</summary>
public sealed class StoredObject
{
    private StoredObject(ResourceType type, string ns, string name, string uid, long resourceVersion, byte[] json,
        IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> ownerUids, IReadOnlyList<string> finalizers,
        bool deleting, string apiVersion)
    {
        Type = type;
        Namespace = ns;
        Name = name;
        Uid = uid;
        ResourceVersion = resourceVersion;
        Json = json;
        Labels = labels;
        OwnerUids = ownerUids;
        Finalizers = finalizers;
        Deleting = deleting;
        ApiVersion = apiVersion;
    }

    /// <summary>The resource type the object was written through.</summary>
    public ResourceType Type { get; }

    /// <summary>Namespace, empty for cluster-scoped objects.</summary>
    public string Namespace { get; }

    /// <summary>Object name.</summary>
    public string Name { get; }

    /// <summary>metadata.uid.</summary>
    public string Uid { get; }

    /// <summary>metadata.resourceVersion as a number.</summary>
    public long ResourceVersion { get; }

    /// <summary>The whole object as compact UTF-8 JSON.</summary>
    public byte[] Json { get; }

    /// <summary>metadata.labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>UIDs named by metadata.ownerReferences.</summary>
    public IReadOnlyList<string> OwnerUids { get; }

    /// <summary>metadata.finalizers.</summary>
    public IReadOnlyList<string> Finalizers { get; }

    /// <summary>True when metadata.deletionTimestamp is set.</summary>
    public bool Deleting { get; }

    /// <summary>apiVersion as stored.</summary>
    public string ApiVersion { get; }

    /// <summary>Store key: <c>namespace/name</c>.</summary>
    public string Key => KeyOf(Namespace, Name);

    /// <summary>The store key for a namespace and name.</summary>
    public static string KeyOf(string? ns, string name) => $"{ns ?? ""}/{name}";

    /// <summary>A fresh mutable copy of the object.</summary>
    public JsonObject ToNode() => JsonBytes.ToObject(Json);

    /// <summary>Captures a node (which the caller must not change afterwards).</summary>
    public static StoredObject From(ResourceType type, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (meta["labels"] is JsonObject l)
        {
            foreach (var (k, v) in l)
            {
                labels[k] = v?.ToString() ?? "";
            }
        }

        var owners = (meta["ownerReferences"] as JsonArray)?.Select(o => o?["uid"]?.ToString() ?? "").Where(u => u.Length > 0).ToArray() ?? [];
        var finalizers = (meta["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").ToArray() ?? [];
        _ = long.TryParse(meta["resourceVersion"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var rv);
        return new StoredObject(type, meta["namespace"]?.ToString() ?? "", meta["name"]?.ToString() ?? "", meta["uid"]?.ToString() ?? "",
            rv, JsonBytes.From(obj), labels, owners, finalizers, meta["deletionTimestamp"] is not null,
            obj["apiVersion"]?.ToString() ?? type.ApiVersion);
    }
}
