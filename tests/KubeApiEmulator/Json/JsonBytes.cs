using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Json;

/// <summary>Turns JSON nodes into UTF-8 bytes and back; stored objects are kept as bytes so readers never share mutable nodes.</summary>
public static class JsonBytes
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serialises a node compactly.</summary>
    public static byte[] From(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>Parses bytes known to hold a JSON object.</summary>
    public static JsonObject ToObject(byte[] json) => JsonNode.Parse(json)!.AsObject();

    /// <summary>Parses a request body: JSON first, then YAML (kubectl sends either for apply).</summary>
    public static JsonNode? ParseBody(byte[] body)
    {
        var span = body.AsSpan().TrimStart(" \t\r\n"u8);
        if (span.Length > 0 && (span[0] == (byte)'{' || span[0] == (byte)'['))
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                // Flow-style YAML also starts with a brace; fall through.
            }
        }

        return YamlJson.Parse(Encoding.UTF8.GetString(body));
    }
}
