using KubeApiEmulator;
using KubeApiEmulator.Auth;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>
/// The connection flags that override the kubeconfig (<c>--kube-server</c>, <c>--kube-token</c>, <c>--kube-as-uid</c> and the
/// TLS flags), each shown to reach the API server by a request that only succeeds, or only fails, because of it.
/// </summary>
public sealed class ClusterFlagTests : IAsyncLifetime
{
    private KubeApiServer _api = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _api = await KubeApiServer.StartAsync(new KubeApiServerOptions { UseTls = true });
        _dir = Directory.CreateTempSubdirectory("cluster-flags-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_dir, "ca.pem"), _api.CertificateAuthorityPem);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Server_token_and_certificate_authority_flags_connect_without_a_usable_kubeconfig()
    {
        // No CA, a dead server and a viewer's token: every part of the connection comes from the flags.
        var viewer = _api.WriteKubeconfig(UserInfo.User("viewer"), Path.Combine(_dir, "viewer.kubeconfig"));
        var admin = await File.ReadAllTextAsync(_api.KubeconfigPath);
        var adminToken = admin.Split('\n').Single(l => l.TrimStart().StartsWith("token:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var broken = string.Join('\n', (await File.ReadAllTextAsync(viewer)).Split('\n')
            .Where(l => !l.Contains("certificate-authority-data", StringComparison.Ordinal))
            .Select(l => l.Contains("server:", StringComparison.Ordinal) ? "    server: https://127.0.0.1:1" : l));
        await File.WriteAllTextAsync(viewer, broken);

        var (deniedCode, _, denied) = await CliAsync("trace", "ns/default", "--kubeconfig", viewer, "--kube-server", _api.Url, "--kube-certificate-authority", "ca.pem");
        var (code, output, error) = await CliAsync("trace", "ns/default", "--kubeconfig", viewer, "--kube-server", _api.Url, "--kube-certificate-authority", "ca.pem", "--kube-token", adminToken);
        var (insecureCode, _, insecureError) = await CliAsync("trace", "ns/default", "--kubeconfig", viewer, "--kube-server", _api.Url, "--kube-insecure-skip-tls-verify", "--kube-token", adminToken);
        var (untrustedCode, _, untrusted) = await CliAsync("trace", "ns/default", "--kubeconfig", viewer, "--kube-server", _api.Url, "--kube-token", adminToken);

        // The administrator reads the namespace (which no Flux object manages); the viewer may not.
        const string adminAnswer = "✗ failed to trace 'Namespace/default': object not managed by Flux\n";
        Assert.Equal(1, deniedCode);
        Assert.Contains("forbidden", denied, StringComparison.Ordinal);
        Assert.Equal((1, "", adminAnswer), (code, output, error));
        Assert.Equal((1, adminAnswer), (insecureCode, insecureError));
        Assert.Equal(1, untrustedCode);
        Assert.StartsWith("✗ ", untrusted, StringComparison.Ordinal);
        Assert.NotEqual(adminAnswer, untrusted);
        Assert.Single(untrusted.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task As_uid_is_sent_as_the_impersonation_header()
    {
        var (code, output, error) = await CliAsync("get", "instance", "--kubeconfig", _api.KubeconfigPath, "--kube-as-uid", "1234");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.StartsWith("✗ ", error, StringComparison.Ordinal);
        Assert.Contains("Impersonate-Uid=1234", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_certificate_authority_is_one_line()
    {
        var (code, _, error) = await CliAsync("get", "instance", "--kubeconfig", _api.KubeconfigPath, "--kube-certificate-authority", "missing.pem");

        Assert.Equal(1, code);
        Assert.StartsWith("✗ ", error, StringComparison.Ordinal);
        Assert.Contains("missing.pem", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    private Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) => OperatorCli.RunAsync(_dir, args);
}
