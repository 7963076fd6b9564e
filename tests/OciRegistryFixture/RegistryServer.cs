using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Security;

namespace OciRegistryFixture;

/// <summary>
/// A real registry: Debian's <c>/usr/bin/docker-registry serve</c> on 127.0.0.1 with a free port and a temporary
/// filesystem storage root; plain or TLS (test CA), with basic or token auth. Killed and removed on dispose.
/// </summary>
public sealed class RegistryServer : IAsyncDisposable
{
    /// <summary>The test user.</summary>
    public const string Username = "flux";

    /// <summary>The test user's password.</summary>
    public const string Password = "s3cret-Pa55";

    private const string Binary = "/usr/bin/docker-registry";
    private readonly Process _process;
    private readonly TokenServer? _tokens;

    private RegistryServer(string folder, int port, Process process, TestCertificates? certificates, TokenServer? tokens)
    {
        Folder = folder;
        Port = port;
        _process = process;
        Certificates = certificates;
        _tokens = tokens;
    }

    /// <summary>The temporary folder holding config, certificates and storage.</summary>
    public string Folder { get; }

    /// <summary>The storage root (blobs live under <c>docker/registry/v2/blobs/sha256/…/data</c>).</summary>
    public string StorageRoot => Path.Combine(Folder, "storage");

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, the host part of references.</summary>
    public string Host => $"127.0.0.1:{Port}";

    /// <summary>The test CA when TLS is on.</summary>
    public TestCertificates? Certificates { get; }

    /// <summary>The token server when token auth is on.</summary>
    public TokenServer? Tokens => _tokens;

    /// <summary>The on-disk file of a blob.</summary>
    public string BlobPath(string digest) =>
        Path.Combine(StorageRoot, "docker", "registry", "v2", "blobs", "sha256", digest[7..9], digest[7..], "data");

    /// <summary>Starts a registry and waits until <c>/v2/</c> answers.</summary>
    public static async Task<RegistryServer> StartAsync(bool tls = false, RegistryAuth auth = RegistryAuth.None, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install the docker-registry package (test.sh does)");
        }

        var folder = Directory.CreateTempSubdirectory("oci-registry-").FullName;
        var certificates = tls ? TestCertificates.Create(folder) : null;
        TokenServer? tokens = auth switch
        {
            RegistryAuth.Token => TokenServer.Start(folder, (Username, Password)),
            RegistryAuth.AnonymousToken => TokenServer.Start(folder),
            _ => null,
        };
        if (auth == RegistryAuth.Basic)
        {
            await Htpasswd.WriteAsync(Path.Combine(folder, "htpasswd"), Username, Password, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var config = Path.Combine(folder, "config.yml");
            await File.WriteAllTextAsync(config, Config(folder, port, certificates, auth, tokens), cancellationToken);
            var process = Launch(config, Path.Combine(folder, "registry.log"));
            var server = new RegistryServer(folder, port, process, certificates, tokens);
            if (await server.WaitReadyAsync(cancellationToken))
            {
                return server;
            }

            var log = File.Exists(Path.Combine(folder, "registry.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "registry.log"), cancellationToken) : "";
            server.Kill();
            if (attempt == 3)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"docker-registry did not become ready on port {port}: {log}");
            }
        }
    }

    /// <summary>Stops the process (the storage stays until dispose): for "registry down" scenarios.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        if (_tokens is not null)
        {
            await _tokens.DisposeAsync();
        }

        Certificates?.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static Process Launch(string config, string logFile)
    {
        var start = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException("docker-registry did not start");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => { lock (gate) { if (e.Data is not null) log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (gate) { if (e.Data is not null) log.WriteLine(e.Data); } };
        process.Exited += (_, _) => { lock (gate) { log.Dispose(); } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<bool> WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true; // readiness only, no data
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
        var url = $"{(Certificates is null ? "http" : "https")}://{Host}/v2/";
        for (var i = 0; i < 100; i++)
        {
            if (_process.HasExited)
            {
                return false;
            }

            try
            {
                using var response = await http.GetAsync(url, cancellationToken);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow start.
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private static string Config(string folder, int port, TestCertificates? certificates, RegistryAuth auth, TokenServer? tokens)
    {
        var lines = new List<string>
        {
            "version: 0.1",
            "log:",
            "  level: warn",
            "  accesslog:",
            "    disabled: true",
            "storage:",
            "  filesystem:",
            $"    rootdirectory: {Path.Combine(folder, "storage")}",
            "  delete:",
            "    enabled: true",
            "http:",
            $"  addr: 127.0.0.1:{port}",
            "  secret: flux-operator-tests",
        };
        if (certificates is not null)
        {
            lines.AddRange(["  tls:", $"    certificate: {certificates.CertificateFile}", $"    key: {certificates.KeyFile}"]);
        }

        switch (auth)
        {
            case RegistryAuth.Basic:
                lines.AddRange(["auth:", "  htpasswd:", "    realm: flux-test", $"    path: {Path.Combine(folder, "htpasswd")}"]);
                break;
            case RegistryAuth.Token or RegistryAuth.AnonymousToken:
                lines.AddRange(["auth:", "  token:", $"    realm: {tokens!.Realm}", $"    service: {TokenServer.Service}", $"    issuer: {TokenServer.Issuer}", $"    rootcertbundle: {tokens.RootCertificateFile}"]);
                break;
        }

        return string.Join('\n', lines) + "\n";
    }
}
