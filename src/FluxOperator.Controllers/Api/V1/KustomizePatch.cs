using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>One user patch: an inline strategic-merge patch or JSON6902 operation list, with an optional target.</summary>
[SchemaDescription("Patch contains an inline StrategicMerge or JSON6902 patch, and the target the patch should be applied to.")]
public sealed class KustomizePatch
{
    /// <summary>The patch document (YAML or JSON text).</summary>
    [JsonPropertyName("patch")]
    [SchemaRequired]
    [SchemaDescription("Patch contains an inline StrategicMerge patch or an inline JSON6902 patch with an array of operation objects.")]
    public string Patch { get; set; } = "";

    /// <summary>The objects the patch applies to; required for JSON6902.</summary>
    [JsonPropertyName("target")]
    [SchemaDescription("Target points to the resources that the patch document should be applied to.")]
    public PatchSelector? Target { get; set; }
}
