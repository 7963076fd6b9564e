using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// A Secret that Flux reads (basic auth, registry, TLS, SSH, proxy, GitHub App, SOPS keys): its type and string keys,
/// written as a manifest (<c>stringData</c>, keys in alphabetical order as upstream's YAML has them) or applied (<c>data</c>).
/// </summary>
internal sealed class SecretManifest(string name, string @namespace, string type)
{
    private readonly SortedDictionary<string, string> _data = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    public bool Immutable { get; set; }

    public string Name => name;

    public string Namespace => @namespace;

    public string Type { get; set; } = type;

    public SecretManifest Add(string key, string value)
    {
        _data[key] = value;
        return this;
    }

    /// <summary><c>---</c> and the Secret with its values under <c>stringData</c>.</summary>
    public string Export() => "---\n" + YamlDocuments.Write(ToObject(data: false));

    /// <summary>The object for server-side apply (values base64 under <c>data</c>).</summary>
    public JsonObject ToObject(bool data)
    {
        var metadata = new JsonObject();
        if (Annotations.Count > 0)
        {
            metadata["annotations"] = Map(Annotations);
        }

        if (Labels.Count > 0)
        {
            metadata["labels"] = Map(Labels);
        }

        metadata["name"] = name;
        metadata["namespace"] = @namespace;
        var obj = new JsonObject { ["apiVersion"] = "v1" };
        if (data)
        {
            obj["data"] = Map(_data.ToDictionary(p => p.Key, p => Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value)), StringComparer.Ordinal));
        }

        if (Immutable)
        {
            obj["immutable"] = true;
        }

        obj["kind"] = "Secret";
        obj["metadata"] = metadata;
        if (!data)
        {
            obj["stringData"] = Map(_data);
        }

        obj["type"] = Type;
        return obj;
    }

    private static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            map[key] = value;
        }

        return map;
    }
}
