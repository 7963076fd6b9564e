using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>The body of <c>GET /v2/&lt;name&gt;/tags/list</c>.</summary>
internal sealed record TagList
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; init; }
}
