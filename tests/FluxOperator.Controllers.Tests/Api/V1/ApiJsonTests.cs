using System.Text.Json;
using FluxOperator.Controllers.Api.V1;
using k8s;
using k8s.Models;

namespace FluxOperator.Controllers.Tests.Api.V1;

public class ApiJsonTests
{
    [Fact]
    public void Empty_optional_strings_lists_and_maps_are_omitted_like_go_omitempty()
    {
        var instance = new FluxInstance
        {
            Metadata = new V1ObjectMeta { Name = "flux", Labels = new Dictionary<string, string>() },
            Spec = new FluxInstanceSpec
            {
                Distribution = new DistributionSpec { Version = "2.x", Registry = "ghcr.io/fluxcd", ImagePullSecret = "", Variant = null },
                Components = [],
                CommonMetadata = new CommonMetadata { Labels = [] },
            },
        };

        var node = ApiYaml.ToNode(instance);

        Assert.Equal("""{"name":"flux"}""", node["metadata"]!.ToJsonString());
        Assert.Equal("""{"distribution":{"version":"2.x","registry":"ghcr.io/fluxcd"},"commonMetadata":{}}""", node["spec"]!.ToJsonString());
        Assert.False(node.ContainsKey("status"));
    }

    [Fact]
    public void Required_fields_are_written_even_when_empty()
    {
        var node = ApiYaml.ToNode(new FluxReport());

        Assert.Equal("""{"entitlement":"","status":""}""", node["spec"]!["distribution"]!.ToJsonString());
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Kind","stats":{"running":0,"failing":0,"suspended":0}}""",
            JsonSerializer.Serialize(new FluxReconcilerStatus { ApiVersion = "v1", Kind = "Kind" }, ApiJson.Options));
    }

    [Fact]
    public void False_booleans_that_were_set_are_kept()
    {
        var cluster = new Cluster { Multitenant = false, NetworkPolicy = false };

        Assert.Equal("""{"multitenant":false,"networkPolicy":false}""", JsonSerializer.Serialize(cluster, ApiJson.Options));
    }

    [Fact]
    public void Timestamps_are_written_in_utc_whole_seconds()
    {
        var snapshot = new Snapshot { FirstReconciled = new DateTime(2025, 7, 15, 10, 11, 0, 500, DateTimeKind.Utc), LastReconciled = new DateTime(2025, 7, 15, 12, 0, 0, DateTimeKind.Utc) };

        var node = JsonSerializer.SerializeToNode(snapshot, ApiJson.Options)!;

        Assert.Equal("2025-07-15T10:11:00Z", node["firstReconciled"]!.GetValue<string>());
        Assert.Equal("2025-07-15T12:00:00Z", node["lastReconciled"]!.GetValue<string>());
    }

    [Fact]
    public void KubernetesJson_reads_what_ApiJson_writes()
    {
        var instance = ApiYaml.ReadFluxInstance("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata: {name: flux, namespace: flux-system}
            spec:
              distribution: {version: 2.x, registry: ghcr.io/fluxcd}
              sharding: {shards: [a, b], storage: persistent}
              storage: {class: standard, size: 10Gi}
            status:
              conditions:
                - {type: Ready, status: "True", reason: ReconciliationSucceeded, message: ok, lastTransitionTime: "2025-07-15T10:11:00Z", observedGeneration: 3}
            """);

        var copy = KubernetesJson.Deserialize<FluxInstance>(JsonSerializer.Serialize(instance, ApiJson.Options));

        Assert.Equal(["a", "b"], copy.Spec.Sharding!.Shards);
        Assert.Equal("10Gi", copy.Spec.Storage!.Size);
        Assert.Equal(3, copy.Status!.Condition(ConditionTypes.Ready)!.ObservedGeneration);
    }

    [Fact]
    public void Unknown_fields_are_dropped_as_the_api_server_prunes_them()
    {
        var instance = ApiYaml.ReadFluxInstance("""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata: {name: flux}
            spec:
              distribution: {version: 2.x, registry: ghcr.io/fluxcd}
              kustomize:
                patches:
                  - patch: "a: b"
                    path: ignored.yaml
            """);

        Assert.Equal("""{"patch":"a: b"}""", ApiYaml.ToNode(instance)["spec"]!["kustomize"]!["patches"]![0]!.ToJsonString());
    }
}
