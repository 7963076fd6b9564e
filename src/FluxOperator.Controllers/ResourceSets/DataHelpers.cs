using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime.Kube;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The annotations that fill generated objects from the cluster: <c>copyFrom</c> (ConfigMap/Secret data),
/// <c>convertKubeConfigFrom</c> (address and CA of a kubeconfig Secret) and <c>checksumFrom</c> (a digest of
/// ConfigMaps/Secrets, in the set or in the cluster). Reads go through the set's (impersonated) client.
/// </summary>
public sealed class DataHelpers
{
    private const string ChecksumFormat = "must be in the format 'Kind/namespace/name'";
    private readonly KubeApiClient _client;
    private readonly Dictionary<string, SortedDictionary<string, byte[]>> _resolved = new(StringComparer.Ordinal);

    /// <summary>Creates the helpers for one pass.</summary>
    public DataHelpers(KubeApiClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The <c>Kind/namespace/name</c> references <c>checksumFrom</c> read from the cluster, sorted.</summary>
    public SortedSet<string> ExternalReferences { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>Kind/namespace/name</c> of every <c>copyFrom</c> and <c>convertKubeConfigFrom</c> source read.</summary>
    public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs copyFrom, convertKubeConfigFrom and checksumFrom, in that order, on the objects in place.</summary>
    /// <exception cref="DataHelperException">A reference is malformed or its source cannot be read.</exception>
    public async Task ApplyAsync(IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        foreach (var obj in objects)
        {
            await CopyAsync(obj, cancellationToken);
        }

        foreach (var obj in objects)
        {
            await ConvertKubeConfigAsync(obj, cancellationToken);
        }

        foreach (var obj in objects)
        {
            await ChecksumAsync(obj, objects, cancellationToken);
        }
    }

    private async Task CopyAsync(JsonObject obj, CancellationToken cancellationToken)
    {
        if (Text(obj["apiVersion"]) != "v1" || Annotation(obj, AnnotationKeys.CopyFrom) is not { } value)
        {
            return;
        }

        var kind = Text(obj["kind"]);
        if (kind is not ("ConfigMap" or "Secret"))
        {
            return;
        }

        var parts = value.Split('/');
        if (parts.Length != 2)
        {
            throw new DataHelperException($"invalid {AnnotationKeys.CopyFrom} annotation value '{value}' must be in the format 'namespace/name'");
        }

        var type = kind == "ConfigMap" ? ResourceSetResources.ConfigMaps : KubeResources.Secret;
        Sources.Add($"{kind}/{value}");
        var source = await ReadAsync(type, parts[0], parts[1], $"failed to copy data from {kind}/{value}", cancellationToken);
        if (kind == "ConfigMap")
        {
            obj["data"] = source["data"]?.DeepClone() ?? new JsonObject();
            if (source["binaryData"] is JsonObject binary)
            {
                obj["binaryData"] = binary.DeepClone();
            }

            return;
        }

        if (string.IsNullOrEmpty(Text(obj["type"])))
        {
            obj["type"] = Text(source["type"]) is { Length: > 0 } sourceType ? sourceType : "Opaque";
        }

        var stringData = new JsonObject();
        foreach (var (key, encoded) in source["data"] as JsonObject ?? [])
        {
            stringData[key] = Encoding.UTF8.GetString(Decode(Text(encoded), $"failed to copy data from {kind}/{value}: invalid base64 in data[\"{key}\"]"));
        }

        obj["stringData"] = stringData;
    }

    private async Task ConvertKubeConfigAsync(JsonObject obj, CancellationToken cancellationToken)
    {
        if (Text(obj["apiVersion"]) != "v1" || Text(obj["kind"]) != "ConfigMap" || Annotation(obj, AnnotationKeys.ConvertKubeConfigFrom) is not { } value)
        {
            return;
        }

        var reference = value;
        string? key = null;
        var colon = value.LastIndexOf(':');
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (colon > 0 && colon > slash)
        {
            key = value[(colon + 1)..];
            reference = value[..colon];
        }

        var parts = reference.Split('/');
        if (parts.Length != 2)
        {
            throw new DataHelperException($"invalid {AnnotationKeys.ConvertKubeConfigFrom} annotation value '{value}' must be in the format 'namespace/name' or 'namespace/name:key'");
        }

        Sources.Add($"Secret/{reference}");
        var secret = await ReadAsync(KubeResources.Secret, parts[0], parts[1], $"failed to get kubeconfig Secret/{reference}", cancellationToken);
        var data = secret["data"] as JsonObject ?? [];
        string encoded;
        if (key is not null)
        {
            encoded = data[key] is { } found ? Text(found) : throw new DataHelperException($"kubeconfig Secret/{reference} does not have '{key}' field");
        }
        else
        {
            encoded = Text(data["kubeconfig"] ?? data["value"]
                ?? throw new DataHelperException($"kubeconfig Secret/{reference} does not have 'kubeconfig' or 'value' field"));
        }

        var (server, ca) = ClusterOf(Encoding.UTF8.GetString(Decode(encoded, $"failed to extract fields from kubeconfig Secret/{reference}: invalid base64")), reference);
        var target = obj["data"] as JsonObject ?? new JsonObject();
        obj["data"] = target;
        if (!target.ContainsKey("address"))
        {
            target["address"] = server;
        }

        if (!target.ContainsKey("ca.crt"))
        {
            target["ca.crt"] = ca;
        }
    }

    private static (string Server, string Ca) ClusterOf(string kubeconfig, string reference)
    {
        string Fail(string why) => throw new DataHelperException($"failed to extract fields from kubeconfig Secret/{reference}: {why}");
        JsonObject document;
        try
        {
            var documents = YamlDocuments.ParseObjects(kubeconfig);
            document = documents.Count > 0 ? documents[0] : new JsonObject();
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or System.Text.Json.JsonException or FormatException)
        {
            return (Fail($"failed to parse kubeconfig YAML: {e.Message}"), "");
        }

        var clusters = (document["clusters"] as JsonArray)?.OfType<JsonObject>().ToArray() ?? [];
        if (clusters.Length == 0)
        {
            Fail("no clusters found in kubeconfig");
        }

        foreach (var cluster in clusters)
        {
            var name = Text(cluster["name"]);
            if (string.IsNullOrEmpty(Text(cluster["cluster"]?["server"])))
            {
                Fail($"server field is empty in kubeconfig cluster \"{name}\"");
            }

            if (string.IsNullOrEmpty(Text(cluster["cluster"]?["certificate-authority-data"])))
            {
                Fail($"certificate-authority-data field is empty in kubeconfig cluster \"{name}\"");
            }
        }

        var first = clusters[0]["cluster"]!;
        var ca = Encoding.UTF8.GetString(Decode(Text(first["certificate-authority-data"]), $"failed to extract fields from kubeconfig Secret/{reference}: invalid certificate-authority-data"));
        return (Text(first["server"]), ca);
    }

    private async Task ChecksumAsync(JsonNode? node, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        switch (node)
        {
            case JsonObject map:
                if (map["metadata"]?["annotations"] is JsonObject annotations && annotations[AnnotationKeys.ChecksumFrom] is JsonValue v
                    && v.TryGetValue<string>(out var value) && value.Length > 0)
                {
                    annotations[AnnotationKeys.Checksum] = await ChecksumOfAsync(value, objects, cancellationToken);
                }

                foreach (var (_, child) in map.ToArray())
                {
                    await ChecksumAsync(child, objects, cancellationToken);
                }

                break;
            case JsonArray list:
                foreach (var child in list.ToArray())
                {
                    await ChecksumAsync(child, objects, cancellationToken);
                }

                break;
        }
    }

    private async Task<string> ChecksumOfAsync(string value, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        foreach (var raw in value.Split(','))
        {
            var reference = raw.Trim();
            if (reference.Length == 0)
            {
                continue;
            }

            var parts = reference.Split('/');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0))
            {
                throw new DataHelperException($"invalid {AnnotationKeys.ChecksumFrom} reference '{reference}' {ChecksumFormat}");
            }

            if (parts[0] is not ("ConfigMap" or "Secret"))
            {
                throw new DataHelperException($"unsupported kind '{parts[0]}' in {AnnotationKeys.ChecksumFrom}, only ConfigMap and Secret are allowed");
            }

            var data = await CanonicalAsync(parts[0], parts[1], parts[2], objects, cancellationToken);
            Write(buffer, $"{parts[0]}/{parts[1]}/{parts[2]}");
            foreach (var (key, bytes) in data)
            {
                Write(buffer, key);
                buffer.Write(bytes);
                buffer.WriteByte(0);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private async Task<SortedDictionary<string, byte[]>> CanonicalAsync(string kind, string ns, string name, IReadOnlyList<JsonObject> objects, CancellationToken cancellationToken)
    {
        var reference = $"{kind}/{ns}/{name}";
        if (_resolved.TryGetValue(reference, out var cached))
        {
            return cached;
        }

        var inSet = objects.FirstOrDefault(o => Text(o["apiVersion"]) == "v1" && Text(o["kind"]) == kind
            && Text(o["metadata"]?["namespace"]) == ns && Text(o["metadata"]?["name"]) == name);
        SortedDictionary<string, byte[]> data;
        if (inSet is not null)
        {
            data = kind == "ConfigMap" ? ConfigMapData(inSet, reference) : SecretData(inSet, reference, withStringData: true);
        }
        else
        {
            var type = kind == "ConfigMap" ? ResourceSetResources.ConfigMaps : KubeResources.Secret;
            var live = await ReadAsync(type, ns, name, $"failed to resolve {AnnotationKeys.ChecksumFrom} reference {reference}", cancellationToken);
            data = kind == "ConfigMap" ? ConfigMapData(live, reference) : SecretData(live, reference, withStringData: false);
            ExternalReferences.Add(reference);
        }

        _resolved[reference] = data;
        return data;
    }

    private static SortedDictionary<string, byte[]> ConfigMapData(JsonObject configMap, string reference)
    {
        var data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in configMap["data"] as JsonObject ?? [])
        {
            data[key] = Encoding.UTF8.GetBytes(Text(value));
        }

        foreach (var (key, value) in configMap["binaryData"] as JsonObject ?? [])
        {
            data[key] = Decode(Text(value), $"failed to decode base64 in {reference} binaryData[\"{key}\"]");
        }

        return data;
    }

    private static SortedDictionary<string, byte[]> SecretData(JsonObject secret, string reference, bool withStringData)
    {
        var data = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in secret["data"] as JsonObject ?? [])
        {
            data[key] = Decode(Text(value), $"failed to decode base64 in {reference} data[\"{key}\"]");
        }

        if (withStringData)
        {
            foreach (var (key, value) in secret["stringData"] as JsonObject ?? [])
            {
                data[key] = Encoding.UTF8.GetBytes(Text(value));
            }
        }

        return data;
    }

    private async Task<JsonObject> ReadAsync(ResourceType type, string ns, string name, string failure, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.GetAsync(type, ns, name, cancellationToken)
                ?? throw new DataHelperException($"{failure}: {ResourceSetInputs.NotFound(type, name)}");
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException)
        {
            throw new DataHelperException($"{failure}: {e.Message}");
        }
    }

    private static void Write(Stream buffer, string text)
    {
        buffer.Write(Encoding.UTF8.GetBytes(text));
        buffer.WriteByte(0);
    }

    private static byte[] Decode(string base64, string failure)
    {
        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new DataHelperException($"{failure}: {e.Message}");
        }
    }

    private static string? Annotation(JsonObject obj, string key) =>
        obj["metadata"]?["annotations"]?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

/// <summary>A data helper annotation could not be honoured; the message is the one the pass reports.</summary>
public sealed class DataHelperException(string message) : Exception(message);
