using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OciRegistryFixture;

/// <summary>A throw-away CA and a server certificate for 127.0.0.1/localhost, written as PEM files.</summary>
public sealed class TestCertificates : IDisposable
{
    private TestCertificates(X509Certificate2 ca, string caFile, string certificateFile, string keyFile)
    {
        Ca = ca;
        CaFile = caFile;
        CertificateFile = certificateFile;
        KeyFile = keyFile;
    }

    /// <summary>The CA certificate (public part).</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>PEM file of the CA.</summary>
    public string CaFile { get; }

    /// <summary>PEM file of the server certificate.</summary>
    public string CertificateFile { get; }

    /// <summary>PEM file of the server key (PKCS#8).</summary>
    public string KeyFile { get; }

    /// <summary>Creates the CA and the server certificate in <paramref name="folder"/>.</summary>
    public static TestCertificates Create(string folder)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=flux-operator test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var caWithKey = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(7));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(caWithKey, now.AddDays(-1), now.AddDays(6), RandomNumberGenerator.GetBytes(16));

        var caFile = Path.Combine(folder, "ca.pem");
        var certificateFile = Path.Combine(folder, "server.pem");
        var keyFile = Path.Combine(folder, "server.key");
        File.WriteAllText(caFile, caWithKey.ExportCertificatePem());
        File.WriteAllText(certificateFile, server.ExportCertificatePem());
        File.WriteAllText(keyFile, serverKey.ExportPkcs8PrivateKeyPem());
        return new TestCertificates(X509CertificateLoader.LoadCertificate(caWithKey.RawData), caFile, certificateFile, keyFile);
    }

    /// <inheritdoc />
    public void Dispose() => Ca.Dispose();
}
