using k8s;
using KubeApiEmulator.Tests.TestSupport;

namespace KubeApiEmulator.Tests.Clients;

/// <summary>HTTPS with a generated CA that the kubeconfig carries.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task Kubernetes_client_and_kubectl_trust_the_generated_authority()
    {
        await using var server = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true });
        Assert.StartsWith("https://127.0.0.1:", server.Url, StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", server.CertificateAuthorityPem, StringComparison.Ordinal);
        using var client = server.CreateClient();
        var namespaces = await client.CoreV1.ListNamespaceAsync();
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == "default");
        Assert.Contains("namespace/default", await Kubectl.Ok(server, null, "get", "namespaces", "-o", "name"), StringComparison.Ordinal);
    }
}
