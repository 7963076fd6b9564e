using System.Text.Json;
using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>The error body of the distribution API: <c>{"errors":[{"code","message","detail"}]}</c>.</summary>
internal sealed record RegistryErrorList
{
    [JsonPropertyName("errors")]
    public IReadOnlyList<RegistryError>? Errors { get; init; }

    /// <summary>"CODE: message; CODE: message", or null when the body is not an error list.</summary>
    public static string? Describe(ReadOnlySpan<byte> body)
    {
        try
        {
            var list = JsonSerializer.Deserialize(body, OciJsonContext.Default.RegistryErrorList);
            if (list?.Errors is { Count: > 0 } errors)
            {
                return string.Join("; ", errors.Select(e => string.IsNullOrEmpty(e.Message) ? e.Code : $"{e.Code}: {e.Message}"));
            }
        }
        catch (JsonException)
        {
            // Not every server (proxies, token endpoints) answers with the registry's error shape.
        }

        return null;
    }
}
