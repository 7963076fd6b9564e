using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OciRegistryFixture;

/// <summary>
/// A minimal Docker token server (the registry's <c>auth: token</c> realm): checks basic credentials when
/// configured, then issues an RS256 JWT with an <c>x5c</c> header that the registry verifies against
/// <see cref="RootCertificateFile"/>. Grants whatever repository scope is asked for.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    /// <summary>The token audience (the registry's <c>service</c>).</summary>
    public const string Service = "flux-test-registry";

    /// <summary>The token issuer the registry trusts.</summary>
    public const string Issuer = "flux-test-issuer";

    private readonly HttpListener _listener = new();
    private readonly RSA _key = RSA.Create(2048);
    private readonly X509Certificate2 _certificate;
    private readonly (string User, string Password)? _account;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    private TokenServer(string folder, (string, string)? account)
    {
        _account = account;
        var request = new CertificateRequest("CN=flux-test token signer", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        _certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        RootCertificateFile = Path.Combine(folder, "token-signer.pem");
        File.WriteAllText(RootCertificateFile, _certificate.ExportCertificatePem());

        var port = FreePort.Next();
        Realm = $"http://127.0.0.1:{port}/token";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(() => ServeAsync(_stop.Token));
    }

    /// <summary>The realm URL the registry announces.</summary>
    public string Realm { get; }

    /// <summary>PEM of the signing certificate (the registry's <c>rootcertbundle</c>).</summary>
    public string RootCertificateFile { get; }

    /// <summary>Token requests answered so far (any outcome).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Starts a token server; with <paramref name="account"/> only that user gets tokens, else everyone (anonymous pulls).</summary>
    public static TokenServer Start(string folder, (string User, string Password)? account = null) => new(folder, account);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopping the listener ends the loop with one of these.
        }

        _listener.Close();
        _certificate.Dispose();
        _key.Dispose();
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var context = await _listener.GetContextAsync();
            Interlocked.Increment(ref _requests);
            try
            {
                Answer(context);
            }
            finally
            {
                context.Response.Close();
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var subject = "anonymous";
        if (_account is { } account)
        {
            var header = context.Request.Headers["Authorization"];
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.User}:{account.Password}"));
            if (header != expected)
            {
                context.Response.StatusCode = 401;
                return;
            }

            subject = account.User;
        }

        var access = new JsonArray();
        foreach (var scope in context.Request.QueryString.GetValues("scope") ?? [])
        {
            var parts = scope.Split(':');
            if (parts.Length == 3)
            {
                access.Add(new JsonObject { ["type"] = parts[0], ["name"] = parts[1], ["actions"] = new JsonArray(parts[2].Split(',').Select(a => (JsonNode)a).ToArray()) });
            }
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header64 = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["typ"] = "JWT",
            ["alg"] = "RS256",
            ["x5c"] = new JsonArray(Convert.ToBase64String(_certificate.RawData)),
        }));
        var claims64 = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = Service,
            ["exp"] = now + 300,
            ["nbf"] = now - 60,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        }));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header64}.{claims64}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var token = $"{header64}.{claims64}.{Base64Url(signature)}";
        var body = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["token"] = token, ["expires_in"] = 300 });
        context.Response.ContentType = "application/json";
        context.Response.OutputStream.Write(body);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
