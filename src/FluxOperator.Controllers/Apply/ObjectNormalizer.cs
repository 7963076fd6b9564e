using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Apply;

/// <summary>
/// The object preparation before applying (ownership labels and common metadata are stamped by
/// <c>Rendering.AppliedMetadata</c>): default port protocols, fold Secret <c>stringData</c>, drop
/// <c>creationTimestamp</c> and <c>status</c> (kept on CRDs), and drop an unusable CRD conversion <c>caBundle</c>.
/// </summary>
public static class ObjectNormalizer
{
    /// <summary>A normalised copy of <paramref name="obj"/>; throws <see cref="ApplyException"/> on malformed input.</summary>
    public static JsonObject Normalize(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        var kind = copy["kind"]?.ToString() ?? "";
        var apiVersion = copy["apiVersion"]?.ToString() ?? "";
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("creationTimestamp");
        }

        var isCrd = kind == "CustomResourceDefinition" && apiVersion.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal);
        if (!isCrd)
        {
            copy.Remove("status");
        }

        switch (kind)
        {
            case "Pod":
                DefaultContainerPorts(copy["spec"]);
                break;
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job":
                DefaultContainerPorts(copy["spec"]?["template"]?["spec"]);
                break;
            case "CronJob":
                DefaultContainerPorts(copy["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"]);
                break;
            case "Service":
                DefaultProtocol(copy["spec"]?["ports"]);
                break;
            case "Secret" when apiVersion == "v1":
                FoldStringData(copy);
                break;
            case "CustomResourceDefinition" when isCrd:
                DropInvalidCaBundle(copy);
                break;
        }

        return copy;
    }

    private static void DefaultContainerPorts(JsonNode? podSpec)
    {
        foreach (var list in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            if (podSpec?[list] is JsonArray containers)
            {
                foreach (var container in containers)
                {
                    DefaultProtocol(container?["ports"]);
                }
            }
        }
    }

    private static void DefaultProtocol(JsonNode? ports)
    {
        if (ports is not JsonArray array)
        {
            return;
        }

        foreach (var port in array.OfType<JsonObject>())
        {
            if (port["protocol"] is null || port["protocol"]?.ToString() == "")
            {
                port["protocol"] = "TCP";
            }
        }
    }

    private static void FoldStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
        {
            secret.Remove("stringData");
            return;
        }

        var data = secret["data"] as JsonObject ?? new JsonObject();
        foreach (var (key, value) in stringData.ToArray())
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text))
            {
                throw new ApplyException($"Secret/{secret["metadata"]?["namespace"]}/{secret["metadata"]?["name"]} normalization failed: stringData.{key} is not a string", null, isTransient: false);
            }

            // stringData wins over data for the same key, as the API server merges them.
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        }

        secret["data"] = data;
        secret.Remove("stringData");
    }

    private static void DropInvalidCaBundle(JsonObject crd)
    {
        if (crd["spec"]?["conversion"]?["webhook"]?["clientConfig"] is not JsonObject clientConfig || !clientConfig.ContainsKey("caBundle"))
        {
            return;
        }

        if (!IsPemBundle(clientConfig["caBundle"]))
        {
            clientConfig.Remove("caBundle");
        }
    }

    private static bool IsPemBundle(JsonNode? node)
    {
        if (node is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0)
        {
            return false;
        }

        try
        {
            var pem = Encoding.ASCII.GetString(Convert.FromBase64String(text));
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates.Count > 0;
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return false;
        }
    }
}
