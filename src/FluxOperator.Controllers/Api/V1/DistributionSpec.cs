using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>Which Flux release to install and where its images come from (<c>spec.distribution</c>).</summary>
public sealed class DistributionSpec
{
    /// <summary>Semver constraint, e.g. <c>2.x</c>, <c>2.3.x</c>, <c>&gt;=2.3 &lt;2.5</c>.</summary>
    [JsonPropertyName("version")]
    [SchemaRequired]
    [SchemaDescription("Version semver expression e.g. '2.x', '2.3.x'.")]
    public string Version { get; set; } = "";

    /// <summary>Image repository prefix, e.g. <c>ghcr.io/fluxcd</c>; a trailing slash is ignored.</summary>
    [JsonPropertyName("registry")]
    [SchemaRequired]
    [SchemaDescription("Registry address to pull the distribution images from e.g. 'ghcr.io/fluxcd'.")]
    public string Registry { get; set; } = "";

    /// <summary>Image list variant; inferred from the registry when empty.</summary>
    [JsonPropertyName("variant")]
    [SchemaEnum(typeof(DistributionVariants))]
    [SchemaDescription("Variant specifies the Flux distribution flavor stored in the registry.")]
    public string? Variant { get; set; }

    /// <summary>Secret added as <c>imagePullSecrets</c> to every Deployment.</summary>
    [JsonPropertyName("imagePullSecret")]
    [SchemaDescription("ImagePullSecret is the name of the Kubernetes secret to use for pulling images.")]
    public string? ImagePullSecret { get; set; }

    /// <summary>OCI artifact with the manifests, used instead of the embedded store.</summary>
    [JsonPropertyName("artifact")]
    [SchemaPattern("^oci://.*$")]
    [SchemaDescription("Artifact is the URL to the OCI artifact containing the latest Kubernetes manifests for the distribution, e.g. 'oci://ghcr.io/controlplaneio-fluxcd/flux-operator-manifests:latest'.")]
    public string? Artifact { get; set; }

    /// <summary>Docker-config Secret used only to pull <see cref="Artifact"/>.</summary>
    [JsonPropertyName("artifactPullSecret")]
    [SchemaDescription("ArtifactPullSecret is the name of the Kubernetes secret to use for pulling the Kubernetes manifests for the distribution specified in the Artifact field.")]
    public string? ArtifactPullSecret { get; set; }

    /// <summary><see cref="Registry"/> without one trailing '/', as image references use it.</summary>
    [JsonIgnore]
    public string RegistryTrimmed => Registry.EndsWith('/') ? Registry[..^1] : Registry;

    /// <summary><see cref="Variant"/> when set, else the variant inferred from the registry, else null (images keep tags only).</summary>
    [JsonIgnore]
    public string? VariantOrInferred => string.IsNullOrEmpty(Variant) ? DistributionVariants.Infer(Registry) : Variant;
}
