using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Tests.Api.V1;

public class FluxInstanceDefaultsTests
{
    private const string Minimal = """
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        spec:
          distribution:
            version: "2.x"
            registry: ghcr.io/fluxcd
        """;

    [Fact]
    public void Absent_fields_take_the_documented_defaults()
    {
        var spec = ApiYaml.ReadFluxInstance(Minimal).Spec;

        Assert.Equal(["source-controller", "kustomize-controller", "helm-controller", "notification-controller"], spec.ComponentsOrDefault);
        Assert.True(spec.WaitOrDefault);
        Assert.True(spec.MigrateResourcesOrDefault);
        Assert.Empty(spec.ShardsOrEmpty);
        Assert.False(spec.LacksStorageForPersistentShards);
        var cluster = spec.ClusterOrDefault;
        Assert.Equal(("kubernetes", "cluster.local", true, false), (cluster.TypeOrDefault, cluster.DomainOrDefault, cluster.NetworkPolicyOrDefault, cluster.IsMultitenant));
        Assert.Equal("default", cluster.TenantDefaultServiceAccountOrDefault);
    }

    [Fact]
    public void Given_components_keep_their_order()
    {
        var spec = new FluxInstanceSpec { Components = ["helm-controller", "source-controller"] };

        Assert.Equal(["helm-controller", "source-controller"], spec.ComponentsOrDefault);
    }

    [Fact]
    public void Cluster_present_without_networkPolicy_keeps_policies_on_and_the_other_cluster_defaults()
    {
        var spec = ApiYaml.ReadFluxInstance(Minimal + "\n  cluster:\n    type: openshift\n").Spec;

        Assert.True(spec.ClusterOrDefault.NetworkPolicyOrDefault);
        Assert.Equal("cluster.local", spec.ClusterOrDefault.DomainOrDefault);
        Assert.Equal("openshift", spec.ClusterOrDefault.TypeOrDefault);
    }

    [Theory]
    [InlineData(null, "sharding.fluxcd.io/key")]
    [InlineData("", "sharding.fluxcd.io/key")]
    [InlineData("example.com/shard", "example.com/shard")]
    public void Sharding_key_defaults_when_empty(string? key, string expected) =>
        Assert.Equal(expected, new Sharding { Key = key, Shards = ["a"] }.KeyOrDefault);

    [Theory]
    [InlineData(null, null, "1m", "flux-system")]
    [InlineData("", "", "1m", "flux-system")]
    [InlineData("5m", "fleet", "5m", "fleet")]
    public void Sync_interval_and_name_default(string? interval, string? name, string expectedInterval, string expectedName)
    {
        var sync = new Sync { Interval = interval, Name = name, Kind = SyncKinds.GitRepository };

        Assert.Equal(expectedInterval, sync.IntervalOrDefault);
        Assert.Equal(expectedName, sync.NameOrDefault("flux-system"));
    }

    [Fact]
    public void Persistent_shard_storage_needs_spec_storage()
    {
        var spec = new FluxInstanceSpec { Sharding = new Sharding { Shards = ["a"], Storage = ShardingStorageModes.Persistent } };
        Assert.True(spec.LacksStorageForPersistentShards);

        spec.Storage = new Storage { Class = "standard", Size = "10Gi" };
        Assert.False(spec.LacksStorageForPersistentShards);
    }

    [Theory]
    [InlineData("disabled", true)]
    [InlineData("DISABLED", true)]
    [InlineData("enabled", false)]
    [InlineData("off", false)]
    public void Reconcile_annotation_disables_case_insensitively(string value, bool disabled)
    {
        var instance = new FluxInstance();
        instance.Metadata.Annotations = new Dictionary<string, string> { [AnnotationKeys.Reconcile] = value };

        Assert.Equal(disabled, instance.IsDisabled);
    }
}
