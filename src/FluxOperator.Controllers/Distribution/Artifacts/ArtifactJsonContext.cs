using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Source-generated JSON metadata for the cache's own files.</summary>
[JsonSerializable(typeof(CacheEntryMarker))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
