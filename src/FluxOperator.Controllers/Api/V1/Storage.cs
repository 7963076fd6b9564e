using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The source-controller persistent volume claim (<c>spec.storage</c>).</summary>
public sealed class Storage
{
    /// <summary>Storage class name.</summary>
    [JsonPropertyName("class")]
    [SchemaRequired]
    [SchemaDescription("Class is the storage class to use for the PVC.")]
    public string Class { get; set; } = "";

    /// <summary>Requested size, e.g. <c>10Gi</c>.</summary>
    [JsonPropertyName("size")]
    [SchemaRequired]
    [SchemaDescription("Size is the size of the PVC.")]
    public string Size { get; set; } = "";
}
