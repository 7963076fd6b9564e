using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Semantics;

/// <summary>The opaque continue token of a paginated list: the list revision and the last key returned.</summary>
public static class ContinueToken
{
    /// <summary>Encodes a token.</summary>
    public static string Encode(long revision, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = revision, ["start"] = lastKey }.ToJsonString()));

    /// <summary>Decodes a token; a malformed one is a 400.</summary>
    public static (long Revision, string LastKey) Decode(string token)
    {
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!;
            return (json["rv"]!.GetValue<long>(), json["start"]!.GetValue<string>());
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or NullReferenceException or InvalidOperationException)
        {
            throw ApiException.BadRequest("continue key is not valid: " + e.Message);
        }
    }
}
