using FluxOperator.Controllers.Rendering;

namespace FluxOperator.Controllers.Tests.Rendering;

public class GeneratedObjectsTests
{
    private static readonly ReleaseGates V25 = ReleaseGates.FromVersion("v2.5.1");
    private static readonly ReleaseGates V26 = ReleaseGates.FromVersion("v2.6.4");

    [Theory]
    [InlineData("GitRepository", "v2.5.1", "source.toolkit.fluxcd.io/v1")]
    [InlineData("OCIRepository", "v2.5.1", "source.toolkit.fluxcd.io/v1beta2")]
    [InlineData("OCIRepository", "v2.6.0", "source.toolkit.fluxcd.io/v1")]
    [InlineData("Bucket", "v2.5.1", "source.toolkit.fluxcd.io/v1beta2")]
    [InlineData("Bucket", "v2.9.4", "source.toolkit.fluxcd.io/v1")]
    [InlineData("OCIRepository", "v2.10.0-rc.1", "source.toolkit.fluxcd.io/v1beta2")]
    public void Sync_source_api_version_follows_the_release(string kind, string version, string apiVersion)
    {
        var source = GeneratedObjects.SyncSource(Sync(kind), "flux-system", ReleaseGates.FromVersion(version));
        Assert.Equal(apiVersion, source["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Git_source_carries_ref_name_secret_and_provider()
    {
        var source = GeneratedObjects.SyncSource(Sync("GitRepository") with { PullSecret = "flux-system", Provider = "github" }, "flux-system", V26);
        Assert.Equal(
            """{"interval":"1m30s","provider":"github","ref":{"name":"refs/heads/main"},"secretRef":{"name":"flux-system"},"url":"https://example.com/fleet.git"}""",
            source["spec"]!.ToJsonString());
        Assert.Equal("fleet", source["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("flux-system", source["metadata"]!["namespace"]!.GetValue<string>());
    }

    [Fact]
    public void Oci_source_takes_the_ref_as_tag_and_bucket_as_bucket_name()
    {
        var oci = GeneratedObjects.SyncSource(Sync("OCIRepository"), "ns", V25)["spec"]!;
        var bucket = GeneratedObjects.SyncSource(Sync("Bucket") with { Provider = "aws" }, "ns", V25)["spec"]!;

        Assert.Equal("""{"interval":"1m30s","ref":{"tag":"refs/heads/main"},"url":"https://example.com/fleet.git"}""", oci.ToJsonString());
        Assert.Equal(
            """{"bucketName":"refs/heads/main","endpoint":"https://example.com/fleet.git","interval":"1m30s","provider":"aws"}""",
            bucket.ToJsonString());
    }

    [Fact]
    public void Sync_kustomization_has_a_fixed_interval_and_points_at_the_source()
    {
        var kustomization = GeneratedObjects.SyncKustomization(Sync("Bucket"), "gitops");
        Assert.Equal(
            """{"interval":"10m0s","path":"clusters/prod","prune":true,"sourceRef":{"kind":"Bucket","name":"fleet"}}""",
            kustomization["spec"]!.ToJsonString());
        Assert.Equal("kustomize.toolkit.fluxcd.io/v1", kustomization["apiVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Values_that_yaml_would_retype_stay_strings()
    {
        var source = GeneratedObjects.SyncSource(Sync("OCIRepository") with { Ref = "1.0" }, "ns", V26);
        Assert.Equal(System.Text.Json.JsonValueKind.String, source["spec"]!["ref"]!["tag"]!.GetValueKind());
    }

    [Fact]
    public void Namespace_and_claim_match_the_spec()
    {
        var ns = GeneratedObjects.Namespace("gitops");
        var pvc = GeneratedObjects.PersistentVolumeClaim(new ArtifactStorage("standard", "10Gi"));

        Assert.Equal(
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"gitops","labels":{"pod-security.kubernetes.io/warn":"restricted","pod-security.kubernetes.io/warn-version":"latest"},"annotations":{"fluxcd.controlplane.io/prune":"disabled"}}}""",
            ns.ToJsonString());
        Assert.Equal(
            """{"accessModes":["ReadWriteOnce"],"storageClassName":"standard","resources":{"requests":{"storage":"10Gi"}}}""",
            pvc["spec"]!.ToJsonString());
        Assert.Equal("source-controller", pvc["metadata"]!["name"]!.GetValue<string>());
        Assert.Null(pvc["metadata"]!["namespace"]);
    }

    private static SyncParameters Sync(string kind) =>
        new("fleet", kind, "https://example.com/fleet.git", "refs/heads/main", "clusters/prod", "1m30s", null, null);
}
