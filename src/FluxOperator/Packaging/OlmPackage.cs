namespace FluxOperator.Packaging;

/// <summary>The fixed identity of the OLM package: names, channels and the values every bundle file repeats.</summary>
/// <remarks>One place for the values OLM requires to agree across the CSV, annotations,
/// bundle image labels and the catalog, so they cannot drift apart (docs/packaging.md).</remarks>
public static class OlmPackage
{
    /// <summary>The OLM package name, also the CSV name prefix (our own, see <see cref="ProductIdentity"/>).</summary>
    public static string Name => ProductIdentity.PackageName;

    /// <summary>The name of the operator's Deployment, Service and ServiceAccount: the Go operator's, for a drop-in.</summary>
    public const string ObjectName = "flux-operator";

    /// <summary>The only channel; pre-releases would go to a separate <c>candidate</c> channel.</summary>
    public const string Channel = "stable";

    /// <summary>The channel a Subscription without a channel follows.</summary>
    public const string DefaultChannel = "stable";

    /// <summary>The bundle format: a CSV plus plain manifests.</summary>
    public const string MediaType = "registry+v1";

    /// <summary>The operator image repository; the tag is <c>v&lt;version&gt;</c>.</summary>
    public static string OperatorImage => ProductIdentity.ImageRepository;

    /// <summary>The bundle image repository the catalog points at.</summary>
    public static string BundleImage => ProductIdentity.ImageRepository + "-bundle";

    /// <summary>The catalog image repository.</summary>
    public static string CatalogImage => ProductIdentity.ImageRepository + "-catalog";

    /// <summary>OpenShift catalogs the bundle is published to (lower bound ships Kubernetes 1.25).</summary>
    public const string OpenShiftVersions = "v4.12-v4.22";

    /// <summary>The oldest Kubernetes the operator supports; also the floor of the deprecated-API check.</summary>
    public const string MinKubeVersion = "1.22.0";

    /// <summary>The operator-sdk release whose validators the bundle is written for (informational annotation).</summary>
    public const string MetricsBuilder = "operator-sdk-v1.41.0";

    /// <summary>The project layout annotation; describes the scaffolding the config tree follows.</summary>
    public const string ProjectLayout = "go.kubebuilder.io/v4";

    /// <summary>The scorecard test image, pinned to the SDK release above.</summary>
    public const string ScorecardImage = "quay.io/operator-framework/scorecard-test:v1.41.0";

    /// <summary>The architectures the operator image is published for.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["amd64", "arm64"];

    /// <summary>The CSV name of a release: <c>flux-operator.v&lt;version&gt;</c>.</summary>
    public static string CsvName(string version) => $"{Name}.v{version}";

    /// <summary>The operator image reference by tag (<c>…:v&lt;version&gt;</c>).</summary>
    public static string OperatorImageTag(string version) => $"{OperatorImage}:v{version}";
}
