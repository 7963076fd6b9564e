using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The desired Flux installation: distribution, components, cluster profile, sharding, storage, patches and sync.</summary>
[SchemaRule(
    "!has(self.sharding) || !has(self.sharding.storage) || self.sharding.storage != 'persistent' || has(self.storage)",
    FluxInstanceSpec.PersistentShardsNeedStorage)]
public sealed class FluxInstanceSpec
{
    /// <summary>The CRD rule's message for <see cref="LacksStorageForPersistentShards"/>, in the API server's words.</summary>
    public const string PersistentShardsNeedStorage = ".spec.storage must be set when .spec.sharding.storage is 'persistent'";

    /// <summary>Version constraint, registry and variant of the Flux distribution.</summary>
    [JsonPropertyName("distribution")]
    [SchemaRequired]
    [SchemaDescription("Distribution specifies the version and container registry to pull images from.")]
    public DistributionSpec Distribution { get; set; } = new();

    /// <summary>The controllers to install, in order; empty means <see cref="FluxComponents.Default"/>.</summary>
    [JsonPropertyName("components")]
    [SchemaEnum(typeof(FluxComponents))]
    [SchemaDescription("Components is the list of controllers to install. Defaults to source, kustomize, helm and notification controllers.")]
    public List<string>? Components { get; set; }

    /// <summary>Labels and annotations put on every applied object.</summary>
    [JsonPropertyName("commonMetadata")]
    [SchemaDescription("CommonMetadata specifies the common labels and annotations that are applied to all resources. Any existing label or annotation is overridden if its key matches a common one.")]
    public CommonMetadata? CommonMetadata { get; set; }

    /// <summary>The cluster profile; absent means <see cref="Cluster.Default"/>.</summary>
    [JsonPropertyName("cluster")]
    [SchemaDescription("Cluster holds the specification of the Kubernetes cluster.")]
    public Cluster? Cluster { get; set; }

    /// <summary>Controller sharding.</summary>
    [JsonPropertyName("sharding")]
    [SchemaDescription("Sharding holds the specification of the sharding configuration.")]
    public Sharding? Sharding { get; set; }

    /// <summary>The source-controller persistent volume claim.</summary>
    [JsonPropertyName("storage")]
    [SchemaDescription("Storage holds the specification of the source-controller persistent volume claim.")]
    public Storage? Storage { get; set; }

    /// <summary>User patches applied after the built-in ones.</summary>
    [JsonPropertyName("kustomize")]
    [SchemaDescription("Kustomize holds a set of patches that can be applied to the Flux installation, to customize the way Flux operates.")]
    public Kustomize? Kustomize { get; set; }

    /// <summary>Health-check the applied objects (default true).</summary>
    [JsonPropertyName("wait")]
    [SchemaDefault(true)]
    [SchemaDescription("Wait instructs the controller to check the health of all the reconciled resources. Defaults to true.")]
    public bool? Wait { get; set; }

    /// <summary>Migrate Flux custom resources to the latest stored API version (default true).</summary>
    [JsonPropertyName("migrateResources")]
    [SchemaDefault(true)]
    [SchemaDescription("MigrateResources instructs the controller to migrate the Flux custom resources from the previous version to the latest API version specified in the CRD. Defaults to true.")]
    public bool? MigrateResources { get; set; }

    /// <summary>The cluster sync source and Kustomization.</summary>
    [JsonPropertyName("sync")]
    [SchemaDescription("Sync specifies the source for the cluster sync operation. When set, a Flux source (GitRepository, OCIRepository or Bucket) and a Flux Kustomization are created to sync the cluster state with the source repository.")]
    public Sync? Sync { get; set; }

    /// <summary>The components to install with the default applied, order preserved.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ComponentsOrDefault => Components is { Count: > 0 } ? Components : FluxComponents.Default;

    /// <summary>The cluster profile with the default applied when <c>spec.cluster</c> is absent.</summary>
    [JsonIgnore]
    public Cluster ClusterOrDefault => Cluster ?? Cluster.Default;

    /// <summary><c>spec.wait</c>, true when absent.</summary>
    [JsonIgnore]
    public bool WaitOrDefault => Wait ?? true;

    /// <summary><c>spec.migrateResources</c>, true when absent.</summary>
    [JsonIgnore]
    public bool MigrateResourcesOrDefault => MigrateResources ?? true;

    /// <summary>The shard names, empty without sharding.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ShardsOrEmpty => Sharding?.Shards ?? [];

    /// <summary>
    /// The CRD rule above as a predicate, for checks without an API server in front (<c>validate</c>, <c>build instance</c>):
    /// persistent shard storage asks for <c>spec.storage</c>.
    /// </summary>
    [JsonIgnore]
    public bool LacksStorageForPersistentShards => Sharding?.IsPersistent == true && Storage is null;
}
