using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A list of FluxInstances, as the API server returns it.</summary>
[KubernetesEntity(Group = FluxInstance.KubeGroup, Kind = "FluxInstanceList", ApiVersion = FluxInstance.KubeApiVersion, PluralName = FluxInstance.KubePluralName)]
public sealed class FluxInstanceList : IKubernetesObject<V1ListMeta>, IItems<FluxInstance>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "FluxInstanceList";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("items")]
    public IList<FluxInstance> Items { get; set; } = [];
}
