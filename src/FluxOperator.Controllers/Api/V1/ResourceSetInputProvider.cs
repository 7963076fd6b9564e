using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>
/// The part of a <c>ResourceSetInputProvider</c> a ResourceSet reads: its labels and <c>status.exportedInputs</c>.
/// The provider kind itself (spec, CRD, reconciler) is not implemented here yet.
/// </summary>
[KubernetesEntity(Group = ApiGroup.Group, Kind = KubeKind, ApiVersion = ApiGroup.Version, PluralName = KubePluralName)]
public sealed class ResourceSetInputProvider : IKubernetesObject<V1ObjectMeta>
{
    /// <summary>Kind.</summary>
    public const string KubeKind = "ResourceSetInputProvider";

    /// <summary>Plural resource name.</summary>
    public const string KubePluralName = "resourcesetinputproviders";

    /// <inheritdoc />
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = ApiGroup.GroupVersion;

    /// <inheritdoc />
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = KubeKind;

    /// <inheritdoc />
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The provider's status; only the exported inputs and revision are modelled.</summary>
    [JsonPropertyName("status")]
    public ResourceSetInputProviderStatus? Status { get; set; }
}

/// <summary>What a provider publishes for ResourceSets.</summary>
public sealed class ResourceSetInputProviderStatus
{
    /// <summary>The input sets, each a map of keys to any JSON value (always with an <c>id</c>).</summary>
    [JsonPropertyName("exportedInputs")]
    public List<Dictionary<string, JsonNode?>>? ExportedInputs { get; set; }

    /// <summary><c>sha256:&lt;hex&gt;</c> of the exported inputs; ResourceSets re-run when it changes.</summary>
    [JsonPropertyName("lastExportedRevision")]
    public string? LastExportedRevision { get; set; }
}
