using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Json;

/// <summary>
/// Decodes the few Kubernetes protobuf bodies kubectl sends through its typed client (<c>create namespace|configmap|secret</c>):
/// the <c>k8s\0</c> envelope, <c>runtime.Unknown</c>, ObjectMeta's name/generateName/namespace/labels/annotations/finalizers,
/// the Namespace, ConfigMap and Secret fields, and the RBAC and access review kinds. Anything else is refused (415) and stays out of scope.
/// </summary>
public static partial class ProtobufObjects
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    /// <summary>Decodes a body, or returns null when the kind is not one of those understood.</summary>
    public static JsonObject? TryDecode(byte[] body)
    {
        if (body.Length < 4 || !body.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        string? apiVersion = null, kind = null;
        byte[]? raw = null;
        foreach (var (field, value) in Fields(body.AsMemory(4)))
        {
            if (field == 1)
            {
                foreach (var (f, v) in Fields(value))
                {
                    if (f == 1)
                    {
                        apiVersion = Text(v);
                    }
                    else if (f == 2)
                    {
                        kind = Text(v);
                    }
                }
            }
            else if (field == 2)
            {
                raw = value.ToArray();
            }
        }

        if (raw is null)
        {
            return null;
        }

        if (apiVersion != "v1" || kind is not ("Namespace" or "ConfigMap" or "Secret"))
        {
            return TryDecodeAuthorization(apiVersion, kind, raw);
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (field, value) in Fields(raw))
        {
            switch (kind, field)
            {
                case (_, 1):
                    obj["metadata"] = Metadata(value);
                    break;
                case ("Namespace", 2):
                    obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray(Fields(value).Where(f => f.Field == 1).Select(f => (JsonNode?)Text(f.Value)).ToArray()) };
                    break;
                case ("ConfigMap", 2):
                    AddEntry(obj, "data", value, v => Text(v));
                    break;
                case ("ConfigMap", 3):
                case ("Secret", 2):
                    AddEntry(obj, kind == "Secret" ? "data" : "binaryData", value, v => Convert.ToBase64String(v.Span));
                    break;
                case ("Secret", 3):
                    obj["type"] = Text(value);
                    break;
                case ("Secret", 4):
                    AddEntry(obj, "stringData", value, v => Text(v));
                    break;
            }
        }

        return obj;
    }

    private static JsonObject Metadata(ReadOnlyMemory<byte> meta)
    {
        var result = new JsonObject();
        foreach (var (field, value) in Fields(meta))
        {
            if (value.Length == 0)
            {
                continue;
            }

            switch (field)
            {
                case 1:
                    result["name"] = Text(value);
                    break;
                case 2:
                    result["generateName"] = Text(value);
                    break;
                case 3:
                    result["namespace"] = Text(value);
                    break;
                case 11:
                    AddEntry(result, "labels", value, v => Text(v));
                    break;
                case 12:
                    AddEntry(result, "annotations", value, v => Text(v));
                    break;
                case 14:
                    if (result["finalizers"] is not JsonArray list)
                    {
                        list = [];
                        result["finalizers"] = list;
                    }

                    list.Add(Text(value));
                    break;
            }
        }

        return result;
    }

    private static void AddEntry(JsonObject target, string property, ReadOnlyMemory<byte> entry, Func<ReadOnlyMemory<byte>, string> value)
    {
        if (target[property] is not JsonObject map)
        {
            map = [];
            target[property] = map;
        }

        string key = "", val = "";
        foreach (var (f, v) in Fields(entry))
        {
            if (f == 1)
            {
                key = Text(v);
            }
            else if (f == 2)
            {
                val = value(v);
            }
        }

        map[key] = val;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    // Length-delimited fields only (strings, bytes, messages); scalars are skipped.
    private static List<(int Field, ReadOnlyMemory<byte> Value)> Fields(ReadOnlyMemory<byte> message)
    {
        var result = new List<(int, ReadOnlyMemory<byte>)>();
        var span = message.Span;
        var at = 0;
        while (at < span.Length)
        {
            var key = Varint(span, ref at);
            var field = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    Varint(span, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(span, ref at);
                    result.Add((field, message.Slice(at, length)));
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new FormatException("unsupported protobuf wire type");
            }
        }

        return result;
    }

    private static ulong Varint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("malformed protobuf varint");
    }
}
