using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using FluxOperator.IntegrationTests.EndToEnd;

namespace FluxOperator.IntegrationTests.Commands;

/// <summary>
/// <c>create secret</c> as the real executable: exported manifests have upstream's types and keys and pass
/// <c>kubectl apply --dry-run=server</c> against the emulator; without <c>--export</c> the Secret is applied.
/// </summary>
public sealed class CreateSecretCommandTests : IAsyncLifetime
{
    private static readonly ResourceType Secrets = new("", "v1", "Secret", "secrets", true);
    private E2eCluster _cluster = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _cluster = await E2eCluster.StartAsync();
        _dir = Directory.CreateTempSubdirectory("create-secret-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Basic_auth_export_keeps_a_stdin_password_with_spaces_and_passes_a_server_dry_run()
    {
        var (code, output, error) = await OperatorCli.RunWithInputAsync(_dir, "correct horse battery staple\n",
            "create", "secret", "basic-auth", "git-auth", "-n", "flux-system", "--username", "bob", "--password-stdin",
            "--label", "team=a,tier=b", "--annotation", "example.com/owner=ops", "--immutable", "--export");

        Assert.Equal((0, ""), (code, error));
        Assert.Equal(
            """
            ---
            apiVersion: v1
            immutable: true
            kind: Secret
            metadata:
              annotations:
                example.com/owner: ops
              labels:
                team: a
                tier: b
              name: git-auth
              namespace: flux-system
            stringData:
              password: correct horse battery staple
              username: bob
            type: kubernetes.io/basic-auth

            """.ReplaceLineEndings("\n"),
            output);
        await AssertServerAcceptsAsync(output);
    }

    [Fact]
    public async Task Every_type_exports_upstream_keys_that_the_server_accepts()
    {
        var (certificate, key) = SelfSigned();
        await File.WriteAllTextAsync(Path.Combine(_dir, "tls.crt"), certificate);
        await File.WriteAllTextAsync(Path.Combine(_dir, "tls.key"), key);
        await File.WriteAllTextAsync(Path.Combine(_dir, "id"), "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "known_hosts"), "github.com ssh-ed25519 AAAA\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "age.agekey"), "AGE-SECRET-KEY-1QQQ\n");

        string[][] commands =
        [
            ["registry", "ghcr", "--server", "ghcr.io", "--username", "u", "--password", "p"],
            ["tls", "tls", "--tls-crt-file", "tls.crt", "--tls-key-file", "tls.key", "--ca-crt-file", "tls.crt"],
            ["tls", "ca-only", "--ca-crt-file", "tls.crt"],
            ["ssh", "ssh", "--private-key-file", "id", "--knownhosts-file", "known_hosts", "--password", "pw"],
            ["proxy", "proxy", "--address", "http://proxy:3128", "--username", "u", "--password", "p"],
            ["githubapp", "app", "--app-id", "42", "--app-private-key-file", "tls.key", "--app-installation-owner", "acme"],
            ["sops", "sops", "--age-key-file", "age.agekey"],
        ];
        var exported = new List<JsonObject>();
        foreach (var args in commands)
        {
            var (code, output, error) = await OperatorCli.RunAsync(_dir, ["create", "secret", .. args, "-n", "flux-system", "--export"]);
            Assert.True(code == 0, $"{string.Join(' ', args)}: {error}");
            Assert.StartsWith("---\n", output, StringComparison.Ordinal);
            await AssertServerAcceptsAsync(output);
            exported.Add(YamlDocuments.ParseObjects(output).Single());
        }

        Assert.Equal(
            [
                "kubernetes.io/dockerconfigjson: .dockerconfigjson",
                "kubernetes.io/tls: ca.crt,tls.crt,tls.key",
                "Opaque: ca.crt",
                "Opaque: identity,known_hosts,password",
                "Opaque: address,password,username",
                "Opaque: githubAppID,githubAppInstallationOwner,githubAppPrivateKey",
                "Opaque: 940377394.agekey",
            ],
            exported.Select(s => $"{s["type"]}: {string.Join(',', s["stringData"]!.AsObject().Select(p => p.Key))}"));
        var docker = JsonNode.Parse(exported[0]["stringData"]![".dockerconfigjson"]!.GetValue<string>())!;
        Assert.Equal("""{"auths":{"ghcr.io":{"username":"u","password":"p","auth":"dTpw"}}}""", docker.ToJsonString());
        Assert.Equal("AGE-SECRET-KEY-1QQQ\n", exported[6]["stringData"]!["940377394.agekey"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_export_the_secret_is_applied_and_reapplying_updates_it()
    {
        var first = await CliAsync("basic-auth", "creds", "--username", "bob", "--password", "one");
        var second = await CliAsync("basic-auth", "creds", "--username", "bob", "--password", "two words");

        Assert.Equal((0, "✔ Secret flux-system/creds applied successfully\n", ""), first);
        Assert.Equal(0, second.ExitCode);
        var secret = (await _cluster.Client.GetAsync(Secrets, "flux-system", "creds", CancellationToken.None))!;
        Assert.Equal("kubernetes.io/basic-auth", secret["type"]!.GetValue<string>());
        Assert.Equal("two words", Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["password"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("✗ invalid format 'team', must be key=value\n", "basic-auth", "x", "--username", "u", "--password", "p", "--label", "team")]
    [InlineData("✗ --password or --password-stdin is required\n", "basic-auth", "x", "--username", "u")]
    [InlineData("✗ password read from stdin is empty\n", "basic-auth", "x", "--username", "u", "--password-stdin")]
    [InlineData("✗ exactly one of --app-installation-id or --app-installation-owner must be specified\n", "githubapp", "x", "--app-id", "1", "--app-private-key-file", "k")]
    [InlineData("✗ --tls-crt-file and --tls-key-file must be given together\n", "tls", "x", "--tls-crt-file", "a")]
    [InlineData("✗ at least one of --age-key-file, --gpg-key-file, --age-key-stdin or --gpg-key-stdin is required\n", "sops", "x")]
    public async Task Bad_input_is_one_line_and_exit_1(string expected, params string[] args)
    {
        var (code, output, error) = await OperatorCli.RunAsync(_dir, ["create", "secret", .. args, "--export"]);

        Assert.Equal((1, "", expected), (code, output, error));
    }

    private Task<(int ExitCode, string Output, string Error)> CliAsync(params string[] args) =>
        OperatorCli.RunAsync(_dir, ["create", "secret", .. args, "-n", "flux-system", "--kubeconfig", _cluster.KubeconfigPath]);

    private async Task AssertServerAcceptsAsync(string manifest)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--kubeconfig", _cluster.KubeconfigPath, "apply", "--dry-run=server", "-f", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = _dir;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(manifest);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("(server dry run)", await output, StringComparison.Ordinal);
    }

    private static (string Certificate, string Key) SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=flux.example.com", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return (certificate.ExportCertificatePem() + "\n", rsa.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
