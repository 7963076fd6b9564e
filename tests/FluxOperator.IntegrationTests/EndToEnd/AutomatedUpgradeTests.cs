using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>The distribution watcher through the real executable: a newer matching release published under the same tag rolls out by itself.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AutomatedUpgradeTests : IDisposable
{
    private readonly DistributionTrees _trees = new();

    [Fact]
    public async Task Newer_matching_patch_under_the_same_tag_is_rolled_out_within_the_artifact_interval_and_a_new_minor_is_not()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true);
        var reference = OciReference.Parse($"oci://{registry.Host}/controlplaneio-fluxcd/flux-operator-manifests:latest");
        var options = new OciClientOptions { CaCertificates = [X509CertificateLoader.LoadCertificate(registry.Certificates!.Ca.RawData)] };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var first = await PublishAsync(client, reference, "v2.7.0");

        await using var cluster = await E2eCluster.StartAsync();
        // The artifact is checked every second: lower the interval floor to match.
        await using var op = OperatorProcess.Start(cluster, new Dictionary<string, string> { ["SSL_CERT_FILE"] = registry.Certificates.CaFile }, false, "--interval-floor=1s");
        await cluster.ApplyAsync(Instance("2.7.x", "[source-controller, kustomize-controller]",
            annotations: "    fluxcd.controlplane.io/reconcileArtifactEvery: 1s\n    fluxcd.controlplane.io/reconcileEvery: 1h\n",
            extraSpec: "").Replace("    registry: ghcr.io/fluxcd\n", $"    registry: ghcr.io/fluxcd\n    artifact: {reference.ToUrl()}\n", StringComparison.Ordinal));

        var installed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastArtifactRevision"]) == first ? i : null,
            "v2.7.0 is installed from the artifact", op);
        Assert.StartsWith("v2.7.0@sha256:", Text(installed["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);

        // No spec change from here on: only the watcher can notice the new digest behind the same tag.
        var second = await PublishAsync(client, reference, "v2.7.0", "v2.7.1");
        var upgraded = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastArtifactRevision"]) == second ? i : null,
            "the instance follows the new artifact digest", op);
        Assert.StartsWith("v2.7.1@sha256:", Text(upgraded["status"]!["lastAppliedRevision"]), StringComparison.Ordinal);
        Assert.Equal(["v2.7.1", "v2.7.0"], HistoryVersions(upgraded));
        Assert.Equal(installed["metadata"]!["generation"]!.GetValue<long>(), upgraded["metadata"]!["generation"]!.GetValue<long>());

        await Poll.UntilAsync(async () => await op.MetricsAsync() is var m && m.Contains("flux_distribution_upgrades_total", StringComparison.Ordinal) && m.Contains("flux_artifact_checks_total", StringComparison.Ordinal),
            "/metrics counts the upgrade and the digest checks", op);

        var third = await PublishAsync(client, reference, "v2.7.0", "v2.7.1", "v2.8.0");
        var unchanged = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastArtifactRevision"]) == third ? i : null,
            "the instance has seen the artifact with v2.8.0", op);
        Assert.Equal(Text(upgraded["status"]!["lastAppliedRevision"]), Text(unchanged["status"]!["lastAppliedRevision"]));
        Assert.Equal(["v2.7.1", "v2.7.0"], HistoryVersions(unchanged));
    }

    public void Dispose() => _trees.Dispose();

    private static string[] HistoryVersions(JsonObject instance) =>
        (instance["status"]!["history"] as JsonArray)!.Select(h => Text(h!["metadata"]?["flux"])!).ToArray();

    private Task<string> PublishAsync(OciRegistryClient client, OciReference reference, params string[] versions) => _trees.PublishAsync(client, reference, versions);
}
