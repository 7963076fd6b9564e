using FluxOperator.Controllers.Distribution.Artifacts;
using FluxOperator.Controllers.Distribution.Oci;
using OciRegistryFixture;
using static FluxOperator.IntegrationTests.EndToEnd.InstanceView;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Installing from a distribution artifact in a real registry, and surviving the registry's outage.</summary>
[Collection(EndToEndCollection.Name)]
public class ArtifactTests
{
    [Fact]
    public async Task Registry_outage_after_install_keeps_reconciling_from_the_cached_artifact()
    {
        await using var registry = await RegistryServer.StartAsync(tls: true);
        var reference = OciReference.Parse($"oci://{registry.Host}/controlplaneio-fluxcd/flux-operator-manifests:latest");
        var options = new OciClientOptions { CaCertificates = [System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(registry.Certificates!.Ca.RawData)] };
        using var http = OciRegistryClient.CreateHttpClient(options);
        var client = new OciRegistryClient(registry.Host, http, RegistryCredentials.Anonymous, options, TimeProvider.System);
        var pushed = await ArtifactPublisher.PushAsync(client, SharedDistribution.Root, reference, new ArtifactAnnotations { Created = DateTimeOffset.UnixEpoch }, CancellationToken.None);

        await using var cluster = await E2eCluster.StartAsync();

        // The operator trusts the test registry's CA the way a pod would trust a mounted bundle.
        await using var op = OperatorProcess.Start(cluster, new Dictionary<string, string> { ["SSL_CERT_FILE"] = registry.Certificates.CaFile });
        var spec = $"    artifact: {reference.ToUrl()}\n";
        var instance = Instance("2.x", "[source-controller, kustomize-controller]").Replace("    registry: ghcr.io/fluxcd\n", "    registry: ghcr.io/fluxcd\n" + spec, StringComparison.Ordinal);
        await cluster.ApplyAsync(instance);

        var installed = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) ? i : null, "the instance is Ready from the artifact", op);
        Assert.Equal(pushed.Digest, Text(installed["status"]!["lastArtifactRevision"]));

        registry.Kill();
        await cluster.ApplyAsync(instance.Replace("  name: flux\n", "  name: flux\n  annotations:\n    reconcile.fluxcd.io/requestedAt: after-outage\n", StringComparison.Ordinal));

        var cached = await Poll.UntilAsync(async () => await cluster.InstanceAsync() is { } i && IsReady(i) && Text(i["status"]!["lastHandledReconcileAt"]) == "after-outage" ? i : null,
            "a pass after the outage succeeds", op, TimeSpan.FromSeconds(60));
        Assert.Contains("artifact served from cache", Text(Condition(cached, "Ready")!["message"]), StringComparison.Ordinal);
        Assert.Equal(pushed.Digest, Text(cached["status"]!["lastArtifactRevision"]));
        Assert.Equal(["kustomize-controller", "source-controller"], await cluster.DeploymentNamesAsync());
    }
}
