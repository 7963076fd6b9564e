using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>One inventory entry: <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c> and the version without group.</summary>
[SchemaDescription("ResourceRef contains the information necessary to locate a resource within a cluster.")]
public sealed class ResourceRef
{
    /// <summary>The object id.</summary>
    [JsonPropertyName("id")]
    [SchemaRequired]
    [SchemaDescription("ID is the string representation of the Kubernetes resource object's metadata, in the format '<namespace>_<name>_<group>_<kind>'.")]
    public string Id { get; set; } = "";

    /// <summary>The API version without the group (<c>v1</c>).</summary>
    [JsonPropertyName("v")]
    [SchemaRequired]
    [SchemaDescription("Version is the API version of the Kubernetes resource object's kind.")]
    public string Version { get; set; } = "";
}
