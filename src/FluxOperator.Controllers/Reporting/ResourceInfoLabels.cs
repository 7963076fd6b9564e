using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reporting;

/// <summary>The label set of one <c>flux_resource_info</c> series: every label always present, empty when not applicable.</summary>
public static class ResourceInfoLabels
{
    /// <summary>The labels of <paramref name="obj"/>, a Flux custom resource of <paramref name="kind"/>.</summary>
    public static KeyValuePair<string, object?>[] From(JsonObject obj, string kind)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var spec = obj["spec"];
        var status = obj["status"];
        var ready = JsonFields.Condition(obj, ConditionTypes.Ready);
        var alwaysReady = kind is "Alert" or "Provider" || (kind == "HelmRepository" && JsonFields.Text(spec?["type"]) == "oci");
        return
        [
            new("uid", JsonFields.Text(obj["metadata"]?["uid"]) ?? ""),
            new("kind", kind),
            new("name", JsonFields.Text(obj["metadata"]?["name"]) ?? ""),
            new("exported_namespace", JsonFields.Text(obj["metadata"]?["namespace"]) ?? ""),
            new("ready", alwaysReady ? "True" : JsonFields.Text(ready?["status"]) ?? "Unknown"),
            new("reason", JsonFields.Text(ready?["reason"]) ?? ""),
            new("suspended", JsonFields.IsTrue(spec?["suspend"]) ? "True" : "False"),
            new("revision", JsonFields.Text(status?["lastAttemptedRevision"]) ?? JsonFields.Text(status?["artifact"]?["revision"]) ?? ""),
            new("url", Url(kind, spec, status)),
            new("ref", Ref(kind, spec)),
            new("source_name", SourceName(kind, spec)),
            new("path", kind == "Kustomization" ? JsonFields.Text(spec?["path"]) ?? "" : ""),
        ];
    }

    private static string Url(string kind, JsonNode? spec, JsonNode? status) => kind switch
    {
        "Bucket" => JsonFields.Text(spec?["endpoint"]),
        "Receiver" => JsonFields.Text(status?["webhookPath"]),
        "ImageRepository" => JsonFields.Text(spec?["image"]),
        _ => JsonFields.Text(spec?["url"]),
    } ?? "";

    private static string Ref(string kind, JsonNode? spec) => kind switch
    {
        "GitRepository" => First(spec?["ref"], "name", "semver", "tag", "branch"),
        "OCIRepository" => First(spec?["ref"], "semver", "tag"),
        "Bucket" => JsonFields.Text(spec?["bucketName"]) ?? "",
        _ => "",
    };

    private static string SourceName(string kind, JsonNode? spec) => kind switch
    {
        "HelmRelease" => JsonFields.Text(spec?["chart"]?["spec"]?["sourceRef"]?["name"]) ?? JsonFields.Text(spec?["chartRef"]?["name"]) ?? "",
        "ImagePolicy" => JsonFields.Text(spec?["imageRepositoryRef"]?["name"]) ?? "",
        _ => JsonFields.Text(spec?["sourceRef"]?["name"]) ?? "",
    };

    private static string First(JsonNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (JsonFields.Text(node?[key]) is { Length: > 0 } value)
            {
                return value;
            }
        }

        return "";
    }
}
