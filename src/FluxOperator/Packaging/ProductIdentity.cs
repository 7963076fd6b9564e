using System.Reflection;

namespace FluxOperator.Packaging;

/// <summary>
/// Who publishes this operator: image repository, OLM package, display name, provider, maintainers and links. Set once
/// in <c>Directory.Build.props</c> and compiled in as assembly metadata, so every generated file agrees.
/// </summary>
/// <remarks>Kubernetes-facing names (API group, kinds, the <c>flux-operator</c> service account, Deployment and
/// Service, the namespace, the binary) are not identity: they stay the Go operator's so we stay a drop-in.</remarks>
public static class ProductIdentity
{
    private static readonly Dictionary<string, string> Values = typeof(ProductIdentity).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(a => a.Key.StartsWith("Product", StringComparison.Ordinal) && !string.IsNullOrEmpty(a.Value))
        .ToDictionary(a => a.Key, a => a.Value!, StringComparer.Ordinal);

    /// <summary>The OLM package name (also the CSV name prefix and the catalog folder).</summary>
    public static string PackageName => Value("ProductPackageName");

    /// <summary>The name OperatorHub shows.</summary>
    public static string DisplayName => Value("ProductDisplayName");

    /// <summary>The operator image repository; releases are tagged <c>v&lt;version&gt;</c>.</summary>
    public static string ImageRepository => Value("ProductImageRepository");

    /// <summary>The publisher (CSV provider, image vendor label).</summary>
    public static string Provider => Value("ProductProvider");

    /// <summary>The publisher's home page.</summary>
    public static string ProviderUrl => Value("ProductProviderUrl");

    /// <summary>The source repository.</summary>
    public static string SourceUrl => Value("ProductSourceUrl");

    /// <summary>The documentation.</summary>
    public static string DocumentationUrl => Value("ProductDocumentationUrl");

    /// <summary>The maintainers' name.</summary>
    public static string MaintainerName => Value("ProductMaintainerName");

    /// <summary>The maintainers' address.</summary>
    public static string MaintainerEmail => Value("ProductMaintainerEmail");

    private static string Value(string key) => Values.TryGetValue(key, out var value)
        ? value
        : throw new InvalidOperationException($"assembly metadata {key} is missing: set <{key}> in Directory.Build.props");
}
