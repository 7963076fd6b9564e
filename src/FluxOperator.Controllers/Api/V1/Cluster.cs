using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The cluster profile (<c>spec.cluster</c>): type, size, domain, tenancy, network policy, workload identity.</summary>
[SchemaRule(
    "(has(self.objectLevelWorkloadIdentity) && self.objectLevelWorkloadIdentity) || !has(self.multitenantWorkloadIdentity) || !self.multitenantWorkloadIdentity",
    ".objectLevelWorkloadIdentity must be set to true when .multitenantWorkloadIdentity is set to true")]
public sealed class Cluster
{
    /// <summary>Default cluster domain.</summary>
    public const string DefaultDomain = "cluster.local";

    /// <summary>Default tenant service account name.</summary>
    public const string DefaultServiceAccount = "default";

    /// <summary>What an absent <c>spec.cluster</c> means (a fresh copy each time).</summary>
    public static Cluster Default => new() { Type = ClusterTypes.Kubernetes, Domain = DefaultDomain, NetworkPolicy = true };

    /// <summary>Cluster domain used in service FQDNs.</summary>
    [JsonPropertyName("domain")]
    [SchemaDefault(DefaultDomain)]
    [SchemaDescription("Domain is the cluster domain used for generating the FQDN of services. Defaults to 'cluster.local'.")]
    public string? Domain { get; set; }

    /// <summary>Multi-tenancy lockdown.</summary>
    [JsonPropertyName("multitenant")]
    [SchemaDefault(false)]
    [SchemaDescription("Multitenant enables the multitenancy lockdown. Defaults to false.")]
    public bool? Multitenant { get; set; }

    /// <summary>Workload-identity lockdown (needs <see cref="ObjectLevelWorkloadIdentity"/>).</summary>
    [JsonPropertyName("multitenantWorkloadIdentity")]
    [SchemaDefault(false)]
    [SchemaDescription("MultitenantWorkloadIdentity enables the multitenancy lockdown for workload identity. Defaults to false.")]
    public bool? MultitenantWorkloadIdentity { get; set; }

    /// <summary>Default service account of tenants; empty means <c>default</c>.</summary>
    [JsonPropertyName("tenantDefaultServiceAccount")]
    [SchemaDescription("TenantDefaultServiceAccount is the name of the service account to use as default when the multitenant lockdown is enabled. Defaults to the 'default' service account from the tenant namespace.")]
    public string? TenantDefaultServiceAccount { get; set; }

    /// <summary>Default SOPS decryption service account under workload-identity lockdown.</summary>
    [JsonPropertyName("tenantDefaultDecryptionServiceAccount")]
    [SchemaDescription("TenantDefaultDecryptionServiceAccount is the name of the service account to use as default for kustomize-controller SOPS decryption when the multitenant lockdown for workload identity is enabled. Defaults to 'default'.")]
    public string? TenantDefaultDecryptionServiceAccount { get; set; }

    /// <summary>Default kubeconfig service account under workload-identity lockdown.</summary>
    [JsonPropertyName("tenantDefaultKubeConfigServiceAccount")]
    [SchemaDescription("TenantDefaultKubeConfigServiceAccount is the name of the service account to use as default for kustomize-controller and helm-controller remote cluster access when the multitenant lockdown for workload identity is enabled. Defaults to 'default'.")]
    public string? TenantDefaultKubeConfigServiceAccount { get; set; }

    /// <summary>Object-level workload identity feature gate (Flux ≥ 2.6.0).</summary>
    [JsonPropertyName("objectLevelWorkloadIdentity")]
    [SchemaDescription("ObjectLevelWorkloadIdentity enables the feature gate required for object-level workload identity. This feature is only available in Flux v2.6.0 and later.")]
    public bool? ObjectLevelWorkloadIdentity { get; set; }

    /// <summary>Install the network policies (default true, also when the key is missing).</summary>
    [JsonPropertyName("networkPolicy")]
    [SchemaDefault(true)]
    [SchemaDescription("NetworkPolicy restricts network access to the current namespace. Defaults to true.")]
    public bool? NetworkPolicy { get; set; }

    /// <summary>Kubernetes distribution; only <c>openshift</c> changes the output.</summary>
    [JsonPropertyName("type")]
    [SchemaEnum(typeof(ClusterTypes))]
    [SchemaDefault(ClusterTypes.Kubernetes)]
    [SchemaDescription("Type specifies the distro of the Kubernetes cluster. Defaults to 'kubernetes'.")]
    public string? Type { get; set; }

    /// <summary>Vertical scaling profile; empty means the default profile.</summary>
    [JsonPropertyName("size")]
    [SchemaEnum(typeof(ClusterSizes))]
    [SchemaDescription("Size defines the vertical scaling profile of the Flux controllers. Accepted values are 'small', 'medium' and 'large'.")]
    public string? Size { get; set; }

    /// <summary><see cref="Domain"/>, or <c>cluster.local</c> when empty.</summary>
    [JsonIgnore]
    public string DomainOrDefault => string.IsNullOrEmpty(Domain) ? DefaultDomain : Domain;

    /// <summary><see cref="Type"/>, or <c>kubernetes</c> when empty.</summary>
    [JsonIgnore]
    public string TypeOrDefault => string.IsNullOrEmpty(Type) ? ClusterTypes.Kubernetes : Type;

    /// <summary><see cref="NetworkPolicy"/>, true when the key is missing.</summary>
    [JsonIgnore]
    public bool NetworkPolicyOrDefault => NetworkPolicy ?? true;

    /// <summary><see cref="Multitenant"/>, false when missing.</summary>
    [JsonIgnore]
    public bool IsMultitenant => Multitenant ?? false;

    /// <summary><see cref="ObjectLevelWorkloadIdentity"/>, false when missing.</summary>
    [JsonIgnore]
    public bool IsObjectLevelWorkloadIdentity => ObjectLevelWorkloadIdentity ?? false;

    /// <summary><see cref="MultitenantWorkloadIdentity"/>, false when missing.</summary>
    [JsonIgnore]
    public bool IsMultitenantWorkloadIdentity => MultitenantWorkloadIdentity ?? false;

    /// <summary><see cref="TenantDefaultServiceAccount"/>, or <c>default</c>.</summary>
    [JsonIgnore]
    public string TenantDefaultServiceAccountOrDefault => OrDefault(TenantDefaultServiceAccount);

    /// <summary><see cref="TenantDefaultDecryptionServiceAccount"/>, or <c>default</c>.</summary>
    [JsonIgnore]
    public string TenantDefaultDecryptionServiceAccountOrDefault => OrDefault(TenantDefaultDecryptionServiceAccount);

    /// <summary><see cref="TenantDefaultKubeConfigServiceAccount"/>, or <c>default</c>.</summary>
    [JsonIgnore]
    public string TenantDefaultKubeConfigServiceAccountOrDefault => OrDefault(TenantDefaultKubeConfigServiceAccount);

    private static string OrDefault(string? name) => string.IsNullOrEmpty(name) ? DefaultServiceAccount : name;
}
