using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FluxOperator.Controllers.Templating;

/// <summary>Source-generated JSON metadata for the few node conversions the engine needs.</summary>
[JsonSerializable(typeof(JsonNode))]
internal sealed partial class TemplateJsonContext : JsonSerializerContext;
