using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>An OCI image manifest (schema 2), the shape of a Flux artifact.</summary>
public sealed record OciManifest
{
    /// <summary>Always 2.</summary>
    [JsonPropertyName("schemaVersion")]
    public int SchemaVersion { get; init; } = 2;

    /// <summary>The manifest media type.</summary>
    [JsonPropertyName("mediaType")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaType { get; init; } = OciMediaTypes.ImageManifest;

    /// <summary>The config blob.</summary>
    [JsonPropertyName("config")]
    public required OciDescriptor Config { get; init; }

    /// <summary>The layers, in order.</summary>
    [JsonPropertyName("layers")]
    public IReadOnlyList<OciDescriptor> Layers { get; init; } = [];

    /// <summary>Manifest annotations (source, revision, created).</summary>
    [JsonPropertyName("annotations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }

    /// <summary>Parses manifest bytes; throws <see cref="FormatException"/> when they are not an image manifest.</summary>
    public static OciManifest Parse(ReadOnlySpan<byte> bytes)
    {
        OciManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(bytes, OciJsonContext.Default.OciManifest);
        }
        catch (JsonException e)
        {
            throw new FormatException($"manifest is not valid JSON: {e.Message}", e);
        }

        if (manifest is null || manifest.SchemaVersion != 2 || manifest.Config is null)
        {
            throw new FormatException("manifest is not an image manifest with schemaVersion 2 and a config");
        }

        return manifest;
    }

    /// <summary>The canonical bytes we push (compact JSON, fixed property order).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, OciJsonContext.Default.OciManifest);
}
