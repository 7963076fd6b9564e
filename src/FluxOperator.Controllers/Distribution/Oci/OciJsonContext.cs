using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>Source-generated JSON metadata for the registry wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(OciManifest))]
[JsonSerializable(typeof(RegistryErrorList))]
[JsonSerializable(typeof(TagList))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class OciJsonContext : JsonSerializerContext;
