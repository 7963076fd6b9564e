using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Apply;

namespace FluxOperator.Controllers.Tests.Apply;

public class ObjectNormalizerTests
{
    [Fact]
    public void Container_and_service_ports_get_tcp_unless_set()
    {
        var deployment = Objects.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","creationTimestamp":null},
             "spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":80},{"containerPort":53,"protocol":"UDP"}]}],
                                        "initContainers":[{"name":"i","ports":[{"containerPort":9}]}]}}},
             "status":{"replicas":1}}
            """);
        var service = Objects.Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"s"},"spec":{"ports":[{"port":80}]}}""");

        var d = ObjectNormalizer.Normalize(deployment);
        var s = ObjectNormalizer.Normalize(service);

        var ports = d["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]!.AsArray();
        Assert.Equal("TCP", ports[0]!["protocol"]!.ToString());
        Assert.Equal("UDP", ports[1]!["protocol"]!.ToString());
        Assert.Equal("TCP", d["spec"]!["template"]!["spec"]!["initContainers"]![0]!["ports"]![0]!["protocol"]!.ToString());
        Assert.Equal("TCP", s["spec"]!["ports"]![0]!["protocol"]!.ToString());
        Assert.False(d.ContainsKey("status"));
        Assert.False(d["metadata"]!.AsObject().ContainsKey("creationTimestamp"));
        Assert.True(deployment.ContainsKey("status")); // the input is not modified
    }

    [Fact]
    public void Cronjob_pod_template_is_normalised()
    {
        var cron = Objects.Parse("""
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"c"},
             "spec":{"jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"c","ports":[{"containerPort":1}]}]}}}}}}
            """);

        var result = ObjectNormalizer.Normalize(cron);

        Assert.Equal("TCP", result["spec"]!["jobTemplate"]!["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"]!.ToString());
    }

    [Fact]
    public void Secret_string_data_is_folded_into_data()
    {
        var secret = Objects.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"data":{"a":"eA==","b":"eQ=="},"stringData":{"b":"new","c":"z"}}""");

        var result = ObjectNormalizer.Normalize(secret);

        Assert.False(result.ContainsKey("stringData"));
        Assert.Equal("eA==", result["data"]!["a"]!.ToString());
        Assert.Equal("new", Encoding.UTF8.GetString(Convert.FromBase64String(result["data"]!["b"]!.ToString())));
        Assert.Equal("z", Encoding.UTF8.GetString(Convert.FromBase64String(result["data"]!["c"]!.ToString())));
    }

    [Fact]
    public void Crd_keeps_status_and_loses_an_invalid_ca_bundle()
    {
        var crd = Objects.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"w.example.com"},
             "spec":{"conversion":{"strategy":"Webhook","webhook":{"clientConfig":{"caBundle":"Cg==","service":{"name":"x"}}}}},
             "status":{"storedVersions":["v1"]}}
            """);

        var result = ObjectNormalizer.Normalize(crd);

        Assert.True(result.ContainsKey("status"));
        var clientConfig = result["spec"]!["conversion"]!["webhook"]!["clientConfig"]!.AsObject();
        Assert.False(clientConfig.ContainsKey("caBundle"));
        Assert.True(clientConfig.ContainsKey("service"));
    }

    [Fact]
    public void Crd_keeps_a_valid_pem_ca_bundle()
    {
        using var key = ECDsa.Create();
        using var certificate = new CertificateRequest("CN=test", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var bundle = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificate.ExportCertificatePem()));
        var crd = Objects.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"w.example.com"},
             "spec":{"conversion":{"strategy":"Webhook","webhook":{"clientConfig":{}}}}}
            """);
        crd["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["caBundle"] = bundle;

        var result = ObjectNormalizer.Normalize(crd);

        Assert.Equal(bundle, result["spec"]!["conversion"]!["webhook"]!["clientConfig"]!["caBundle"]!.ToString());
    }

    [Fact]
    public void Roles_are_left_untouched()
    {
        var role = Objects.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"r"},"rules":[{"verbs":["get"]}]}""");

        Assert.True(JsonNode.DeepEquals(role, ObjectNormalizer.Normalize(role)));
    }

    [Fact]
    public void Non_string_data_in_string_data_fails_normalisation()
    {
        var secret = Objects.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n"},"stringData":{"a":1}}""");

        var error = Assert.Throws<ApplyException>(() => ObjectNormalizer.Normalize(secret));
        Assert.Contains("Secret/n/s", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }
}
