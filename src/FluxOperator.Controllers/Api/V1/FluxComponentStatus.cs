using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>One Flux controller Deployment in the report (<c>FluxReport.spec.components[]</c>).</summary>
public sealed class FluxComponentStatus
{
    /// <summary>Deployment name.</summary>
    [JsonPropertyName("name")]
    [SchemaRequired]
    [SchemaDescription("Name is the name of the Flux component.")]
    public string Name { get; set; } = "";

    /// <summary>True when the Deployment status is <c>Current</c>.</summary>
    [JsonPropertyName("ready")]
    [SchemaRequired]
    [SchemaDescription("Ready is the readiness status of the Flux component.")]
    public bool Ready { get; set; }

    /// <summary><c>&lt;Status&gt; &lt;message&gt;</c>, e.g. <c>Current Deployment is available. Replicas: 1</c>.</summary>
    [JsonPropertyName("status")]
    [SchemaRequired]
    [SchemaDescription("Status is a human-readable message indicating details about the Flux component observed state.")]
    public string Status { get; set; } = "";

    /// <summary>Image of the first container.</summary>
    [JsonPropertyName("image")]
    [SchemaRequired]
    [SchemaDescription("Image is the container image of the Flux component.")]
    public string Image { get; set; } = "";
}
