using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Reads and writes API objects as YAML through the shared JSON-node form (<see cref="YamlDocuments"/>).</summary>
public static class ApiYaml
{
    /// <summary>Reads the single document of <paramref name="yaml"/> as <typeparamref name="T"/>.</summary>
    /// <exception cref="YamlDotNet.Core.YamlException">The text is not valid YAML.</exception>
    /// <exception cref="JsonException">The document does not fit the type, or there is not exactly one document.</exception>
    public static T Read<T>(string yaml)
        where T : class
    {
        var documents = YamlDocuments.ParseObjects(yaml);
        if (documents.Count != 1)
        {
            throw new JsonException($"expected one YAML document, found {documents.Count}");
        }

        return FromNode<T>(documents[0]);
    }

    /// <summary>Reads a FluxInstance from YAML text.</summary>
    public static FluxInstance ReadFluxInstance(string yaml) => Read<FluxInstance>(yaml);

    /// <summary>Converts an unstructured object to <typeparamref name="T"/>; unknown fields are dropped, as the API server prunes them.</summary>
    public static T FromNode<T>(JsonNode node)
        where T : class =>
        node.Deserialize<T>(ApiJson.Options) ?? throw new JsonException($"document is null, expected {typeof(T).Name}");

    /// <summary>Converts an API object to its unstructured form.</summary>
    public static JsonObject ToNode<T>(T value)
        where T : class =>
        JsonSerializer.SerializeToNode(value, ApiJson.Options)?.AsObject() ?? throw new JsonException("object serialised to null");

    /// <summary>Writes an API object as one YAML document.</summary>
    public static string Write<T>(T value)
        where T : class => YamlDocuments.Write(ToNode(value));
}
