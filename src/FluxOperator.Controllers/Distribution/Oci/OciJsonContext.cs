using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>Source-generated JSON metadata for the registry wire types.</summary>
// Registry bodies come from outside: 64 levels is far above any real manifest and bounds the parser's recursion.
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never, MaxDepth = 64)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(RegistryErrorList))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
