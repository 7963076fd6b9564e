using System.Text;
using System.Text.Json;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>
/// Reads Docker client configuration: the <c>.dockerconfigjson</c> of a <c>kubernetes.io/dockerconfigjson</c>
/// Secret (<c>{"auths": {...}}</c>), the legacy <c>.dockercfg</c> map, or <c>~/.docker/config.json</c>.
/// </summary>
public static class DockerConfig
{
    /// <summary>Parses the JSON bytes; throws <see cref="FormatException"/> naming the bad entry.</summary>
    public static RegistryCredentials Parse(ReadOnlySpan<byte> json)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw new FormatException($"docker config is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("docker config must be a JSON object");
            }

            // .dockerconfigjson nests the map under "auths"; the legacy .dockercfg is the map itself.
            var auths = document.RootElement.TryGetProperty("auths", out var nested) ? nested : document.RootElement;
            if (auths.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("docker config \"auths\" must be a JSON object");
            }

            var entries = new List<KeyValuePair<string, RegistryCredential>>();
            foreach (var entry in auths.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && ReadEntry(entry.Name, entry.Value) is { } credential)
                {
                    entries.Add(new(entry.Name, credential));
                }
            }

            return new RegistryCredentials(entries);
        }
    }

    /// <summary>Reads and parses a docker config file.</summary>
    public static async Task<RegistryCredentials> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Parse(bytes);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    private static RegistryCredential? ReadEntry(string registry, JsonElement value)
    {
        var username = GetString(value, "username");
        var password = GetString(value, "password");
        var identityToken = GetString(value, "identitytoken");
        if (GetString(value, "auth") is { Length: > 0 } auth)
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
            }
            catch (FormatException e)
            {
                throw new FormatException($"docker config entry \"{registry}\": \"auth\" is not base64", e);
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                throw new FormatException($"docker config entry \"{registry}\": \"auth\" must decode to username:password");
            }

            username = decoded[..colon];
            password = decoded[(colon + 1)..];
        }

        if (string.IsNullOrEmpty(username) && string.IsNullOrEmpty(identityToken))
        {
            // Entries that only name a credential helper carry nothing we can use.
            return null;
        }

        return new RegistryCredential(username ?? "", password ?? "", string.IsNullOrEmpty(identityToken) ? null : identityToken);
    }

    private static string? GetString(JsonElement value, string name) =>
        value.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;
}
