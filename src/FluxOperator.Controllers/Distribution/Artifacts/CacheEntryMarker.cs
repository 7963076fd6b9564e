using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>The completion marker written last into a cache entry: which artifact it holds and the hash of its content.</summary>
internal sealed record CacheEntryMarker
{
    [JsonPropertyName("digest")]
    public required string Digest { get; init; }

    [JsonPropertyName("layerDigest")]
    public required string LayerDigest { get; init; }

    [JsonPropertyName("contentHash")]
    public required string ContentHash { get; init; }

    [JsonPropertyName("files")]
    public int Files { get; init; }
}
