using System.Text.Json.Serialization;
using FluxOperator.Controllers.Api.V1.Schema;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The cluster sync (<c>spec.sync</c>): a Flux source and a Kustomization generated with the install.</summary>
[SchemaRule(
    "!has(self.provider) || self.provider != 'gcp' || self.kind == 'OCIRepository' || self.kind == 'Bucket'",
    "sync.provider 'gcp' is only supported for OCIRepository and Bucket")]
[SchemaRule(
    "!has(self.provider) || self.provider != 'github' || self.kind == 'GitRepository'",
    "sync.provider 'github' is only supported for GitRepository")]
public sealed class Sync
{
    /// <summary>The interval the API server fills in.</summary>
    public const string DefaultInterval = "1m";

    /// <summary>Pattern of <see cref="Interval"/>.</summary>
    public const string IntervalPattern = @"^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$";

    /// <summary>Name of the generated source and Kustomization; empty means the namespace.</summary>
    [JsonPropertyName("name")]
    [SchemaMaxLength(63)]
    [SchemaRule("self == oldSelf", "Sync name is immutable")]
    [SchemaDescription("Name is the name of the Flux source and kustomization resources. When not specified, the name is set to the namespace name of the FluxInstance.")]
    public string? Name { get; set; }

    /// <summary>Source interval (Go duration syntax).</summary>
    [JsonPropertyName("interval")]
    [SchemaPattern(IntervalPattern)]
    [SchemaDefault(DefaultInterval)]
    [SchemaDescription("Interval is the time between syncs.")]
    public string? Interval { get; set; }

    /// <summary>Source kind.</summary>
    [JsonPropertyName("kind")]
    [SchemaRequired]
    [SchemaEnum(typeof(SyncKinds))]
    [SchemaDescription("Kind is the kind of the source.")]
    public string Kind { get; set; } = "";

    /// <summary>Source URL (Git/OCI URL or bucket endpoint).</summary>
    [JsonPropertyName("url")]
    [SchemaRequired]
    [SchemaDescription("URL is the source URL, can be a Git repository HTTP/S or SSH address, an OCI repository address or a Bucket endpoint.")]
    public string Url { get; set; } = "";

    /// <summary>Git ref name, OCI tag or bucket name.</summary>
    [JsonPropertyName("ref")]
    [SchemaRequired]
    [SchemaDescription("Ref is the source reference, can be a Git ref name e.g. 'refs/heads/main', an OCI tag e.g. 'latest' or a bucket name e.g. 'flux'.")]
    public string Ref { get; set; } = "";

    /// <summary>Path of the Kustomization in the source.</summary>
    [JsonPropertyName("path")]
    [SchemaRequired]
    [SchemaDescription("Path is the path to the source directory containing the kustomize overlay or plain Kubernetes manifests.")]
    public string Path { get; set; } = "";

    /// <summary>Secret with the source credentials.</summary>
    [JsonPropertyName("pullSecret")]
    [SchemaDescription("PullSecret specifies the Kubernetes Secret containing the authentication credentials for the source.")]
    public string? PullSecret { get; set; }

    /// <summary>OIDC provider of the source.</summary>
    [JsonPropertyName("provider")]
    [SchemaEnum(typeof(SyncProviders))]
    [SchemaDescription("Provider specifies OIDC provider for source authentication. For OCIRepository and Bucket the provider can be set to 'aws', 'azure' or 'gcp'; for GitRepository to 'azure', 'github' or, from Flux 2.9, 'aws'. To disable OIDC authentication the provider can be set to 'generic' or left empty.")]
    public string? Provider { get; set; }

    /// <summary><see cref="Interval"/>, or <c>1m</c> when empty.</summary>
    [JsonIgnore]
    public string IntervalOrDefault => string.IsNullOrEmpty(Interval) ? DefaultInterval : Interval;

    /// <summary><see cref="Name"/>, or the FluxInstance namespace when empty.</summary>
    public string NameOrDefault(string instanceNamespace) => string.IsNullOrEmpty(Name) ? instanceNamespace : Name;
}
