using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Rendering;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>Flux controllers rendered with <c>cluster.type: openshift</c> are admitted by restricted-v2, for every release.</summary>
public class OpenShiftRenderTests
{
    public static TheoryData<string> Releases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Path.Combine(PackagingPaths.SharedDistribution, "flux")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void OpenShift_render_of_every_controller_and_shard_is_admitted_by_restricted_v2(string version)
    {
        var objects = Render(version, "openshift");

        var deployments = objects.Where(o => Kind(o) == "Deployment").ToArray();
        Assert.Equal(ComponentsOf(version).Length, deployments.Count(d => Name(d)?.EndsWith("-shard1", StringComparison.Ordinal) != true));
        Assert.Equal(ShardedOf(version), deployments.Where(d => Name(d)!.EndsWith("-shard1", StringComparison.Ordinal)).Select(d => Name(d)![..^"-shard1".Length]).Order(StringComparer.Ordinal));
        foreach (var deployment in deployments)
        {
            var pod = PodSpec(deployment);
            Assert.Empty(RestrictedV2.Violations(pod).Select(v => $"{Name(deployment)}: {v}"));
            Assert.Null(pod["securityContext"]);
            var container = (JsonObject)pod["containers"]![0]!;
            Assert.Null(container["securityContext"]?["seccompProfile"]);
            Assert.Null(container["securityContext"]?["runAsNonRoot"]);
        }

        var labels = NamespaceLabels(objects);
        Assert.False(labels.ContainsKey("pod-security.kubernetes.io/warn"));
        Assert.False(labels.ContainsKey("pod-security.kubernetes.io/warn-version"));
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public void Kubernetes_render_keeps_the_upstream_pod_security_that_restricted_v2_would_reject(string version)
    {
        var objects = Render(version, "kubernetes");

        foreach (var deployment in objects.Where(o => Kind(o) == "Deployment"))
        {
            var pod = PodSpec(deployment);
            Assert.Contains(RestrictedV2.Violations(pod), v => v.Contains("fsGroup", StringComparison.Ordinal));
            var container = (JsonObject)pod["containers"]![0]!;
            Assert.Equal("RuntimeDefault", container["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>());
            Assert.True(container["securityContext"]?["runAsNonRoot"]?.GetValue<bool>());
        }

        var labels = NamespaceLabels(objects);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]?.GetValue<string>());
        Assert.Equal("latest", labels["pod-security.kubernetes.io/warn-version"]?.GetValue<string>());
    }

    private static IReadOnlyList<JsonObject> Render(string version, string clusterType)
    {
        var yaml = $$"""
            apiVersion: fluxcd.controlplane.io/v1
            kind: FluxInstance
            metadata:
              name: flux
              namespace: flux-system
            spec:
              distribution:
                version: "{{version.TrimStart('v')}}"
                registry: ghcr.io/fluxcd
              components: [{{string.Join(", ", ComponentsOf(version))}}]
              cluster:
                type: {{clusterType}}
                multitenant: true
                networkPolicy: true
              sharding:
                shards: [shard1]
            """;
        var sources = new BuildSources(PackagingPaths.SharedDistribution);
        return FluxInstanceBuilder.Build(ApiYaml.ReadFluxInstance(yaml), sources).Result.Objects;
    }

    // Every controller the release ships (source-watcher from 2.7).
    private static string[] ComponentsOf(string version) =>
        FluxComponents.All.Where(c => File.Exists(Path.Combine(PackagingPaths.SharedDistribution, "flux", version, c + ".yaml"))).ToArray();

    // The controllers that get shard copies: all but notification-controller, source-watcher only from 2.9.
    private static string[] ShardedOf(string version)
    {
        var minor = int.Parse(version.TrimStart('v').Split('.')[1], System.Globalization.CultureInfo.InvariantCulture);
        string[] sharded = ["helm-controller", "image-automation-controller", "image-reflector-controller", "kustomize-controller", "source-controller"];
        return minor >= 9 ? [.. sharded, "source-watcher"] : sharded;
    }

    private static JsonObject PodSpec(JsonObject deployment) => (JsonObject)deployment["spec"]!["template"]!["spec"]!;

    private static JsonObject NamespaceLabels(IReadOnlyList<JsonObject> objects) =>
        (JsonObject)objects.Single(o => Kind(o) == "Namespace")["metadata"]!["labels"]!;

    private static string? Kind(JsonObject o) => o["kind"]?.GetValue<string>();

    private static string? Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>();
}
