using System.Text.Json.Nodes;
using static FluxOperator.Controllers.Tests.Rendering.RenderedObjects;
using static FluxOperator.Controllers.Tests.Rendering.Scenario;

namespace FluxOperator.Controllers.Tests.Rendering.Scenarios;

/// <summary>The generated sync source and Kustomization.</summary>
public class SyncScenarioTests
{
    [Fact]
    public void Git_sync_with_github_app_provider()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            sync:
              kind: GitRepository
              url: "https://github.com/org/fleet.git"
              ref: "refs/heads/main"
              path: "clusters/prod"
              pullSecret: flux-system
              provider: github
              interval: 90s
            """));

        Assert.Equal(34, build.All.Count);
        var git = build.Get("GitRepository", "flux-system");
        Assert.Equal(("flux-system", "source.toolkit.fluxcd.io/v1"), (Namespace(git), git["apiVersion"]!.GetValue<string>()));
        AssertSpec("""{"interval":"1m30s","provider":"github","ref":{"name":"refs/heads/main"},"secretRef":{"name":"flux-system"},"url":"https://github.com/org/fleet.git"}""", git);
        AssertSpec(
            """{"interval":"10m0s","path":"clusters/prod","prune":true,"sourceRef":{"kind":"GitRepository","name":"flux-system"}}""",
            build.Get("Kustomization", "flux-system"));
        var order = build.All.Select(Kind).ToArray();
        Assert.Equal("GitRepository", order[^1]);
        Assert.True(Array.IndexOf(order, "Kustomization") < Array.IndexOf(order, "NetworkPolicy"));
    }

    [Theory]
    [InlineData("2.5.x", "source.toolkit.fluxcd.io/v1beta2")]
    [InlineData("2.6.x", "source.toolkit.fluxcd.io/v1")]
    public void Oci_sync_api_version_switches_at_2_6(string version, string apiVersion)
    {
        var build = Build(Instance(Distro(version) + """

            sync:
              name: fleet
              kind: OCIRepository
              url: "oci://ghcr.io/org/fleet-manifests"
              ref: latest
              path: "./clusters/prod"
              pullSecret: ghcr-auth
            """));

        var oci = build.Get("OCIRepository", "fleet");
        Assert.Equal(apiVersion, oci["apiVersion"]!.GetValue<string>());
        AssertSpec("""{"interval":"1m0s","ref":{"tag":"latest"},"secretRef":{"name":"ghcr-auth"},"url":"oci://ghcr.io/org/fleet-manifests"}""", oci);
        var kustomization = build.Get("Kustomization", "fleet");
        Assert.Equal("""{"kind":"OCIRepository","name":"fleet"}""", kustomization["spec"]!["sourceRef"]!.ToJsonString());
        Assert.Equal("./clusters/prod", kustomization["spec"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public void Bucket_sync_with_aws_provider()
    {
        var build = Build(Instance(Distro("2.9.x") + """

            sync:
              kind: Bucket
              url: "s3.amazonaws.com"
              ref: "fleet-bucket"
              path: "clusters/prod"
              provider: aws
              interval: 1h
            """));

        var bucket = build.Get("Bucket", "flux-system");
        Assert.Equal("source.toolkit.fluxcd.io/v1", bucket["apiVersion"]!.GetValue<string>());
        AssertSpec("""{"bucketName":"fleet-bucket","endpoint":"s3.amazonaws.com","interval":"1h0m0s","provider":"aws"}""", bucket);
        Assert.Equal("""{"kind":"Bucket","name":"flux-system"}""", build.Get("Kustomization", "flux-system")["spec"]!["sourceRef"]!.ToJsonString());
    }

    [Fact]
    public void Aws_provider_for_git_needs_flux_2_9()
    {
        const string Sync = """

            sync:
              kind: GitRepository
              url: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/fleet"
              ref: "refs/heads/main"
              path: "clusters/prod"
              provider: aws
            """;

        Assert.Equal("sync.provider 'aws' for GitRepository requires Flux version >= 2.9.0, got 'v2.8.8'", Error(Instance(Distro("2.8.x") + Sync)));
        Assert.Equal("aws", Build(Instance(Distro("2.9.x") + Sync)).Get("GitRepository", "flux-system")["spec"]!["provider"]!.GetValue<string>());
    }

    private static void AssertSpec(string expected, JsonObject obj) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), obj["spec"]), obj["spec"]!.ToJsonString());
}
