using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>An OCI content descriptor: what a manifest says about a blob.</summary>
public sealed record OciDescriptor
{
    /// <summary>The blob's media type.</summary>
    [JsonPropertyName("mediaType")]
    public required string MediaType { get; init; }

    /// <summary>The blob's digest.</summary>
    [JsonPropertyName("digest")]
    public required string Digest { get; init; }

    /// <summary>The blob's size in bytes.</summary>
    [JsonPropertyName("size")]
    public required long Size { get; init; }

    /// <summary>Optional annotations.</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
