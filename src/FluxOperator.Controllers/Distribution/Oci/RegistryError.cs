using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>One entry of the distribution API's error list.</summary>
internal sealed record RegistryError
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
