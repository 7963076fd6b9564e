using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The objects applied by the last successful apply (<c>status.inventory</c>).</summary>
[SchemaDescription("ResourceInventory contains a list of Kubernetes resource object references that have been applied.")]
public sealed class ResourceInventory
{
    /// <summary>One entry per applied object, in apply order.</summary>
    [JsonPropertyName("entries")]
    [SchemaRequired]
    [SchemaDescription("Entries of Kubernetes resource object references.")]
    public List<ResourceRef> Entries { get; set; } = [];
}
