using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>A list of FluxReports, as the API server returns it.</summary>
[KubernetesEntity(Group = FluxReport.KubeGroup, Kind = "FluxReportList", ApiVersion = FluxReport.KubeApiVersion, PluralName = FluxReport.KubePluralName)]
public sealed class FluxReportList : IKubernetesObject<V1ListMeta>, IItems<FluxReport>
{
    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = "FluxReportList";

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <inheritdoc />
    [JsonPropertyName("items")]
    public IList<FluxReport> Items { get; set; } = [];
}
