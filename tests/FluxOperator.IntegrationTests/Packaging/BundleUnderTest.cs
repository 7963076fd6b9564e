using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using FluxOperator.Packaging;

namespace FluxOperator.IntegrationTests.Packaging;

/// <summary>A bundle directory read into objects: every manifest, the CSV, the CRDs, annotations and scorecard.</summary>
public sealed class BundleUnderTest
{
    /// <summary>The OpenShift flavour's operator image digest; any well-formed digest, the image is never pulled.</summary>
    public const string TestOperatorDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly Lazy<BundleUnderTest> Committed = new(() => new BundleUnderTest("committed", PackagingPaths.CommittedBundle));
    private static readonly Lazy<BundleUnderTest> OpenShift = new(BuildOpenShiftFlavour);

    private BundleUnderTest(string flavour, string directory)
    {
        Flavour = flavour;
        Directory = directory;
        Manifests = System.IO.Directory.GetFiles(Path.Combine(directory, "manifests"))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileName(f), f => YamlDocuments.ParseObjects(File.ReadAllText(f)).Single());
        Csv = Manifests.Values.Single(m => ManifestSet.KindOf(m) == "ClusterServiceVersion");
        Crds = [.. Manifests.Values.Where(m => ManifestSet.KindOf(m) == "CustomResourceDefinition")];
        Annotations = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(directory, "metadata", "annotations.yaml"))).Single()["annotations"]!.AsObject();
        Scorecard = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(directory, "tests", "scorecard", "config.yaml"))).Single();
    }

    /// <summary>Theory data: the flavours every checklist assertion runs on.</summary>
    public static TheoryData<string> Flavours => new() { "committed", "openshift" };

    /// <summary>"committed" (OperatorHub.io, image by tag) or "openshift" (image by digest, relatedImages, disconnected).</summary>
    public string Flavour { get; }

    /// <summary>The bundle root.</summary>
    public string Directory { get; }

    /// <summary>Every manifest by file name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Manifests { get; }

    /// <summary>The ClusterServiceVersion.</summary>
    public JsonObject Csv { get; }

    /// <summary>The bundled CRDs.</summary>
    public IReadOnlyList<JsonObject> Crds { get; }

    /// <summary><c>metadata/annotations.yaml</c>'s map.</summary>
    public JsonObject Annotations { get; }

    /// <summary><c>tests/scorecard/config.yaml</c>.</summary>
    public JsonObject Scorecard { get; }

    /// <summary>The CSV's <c>spec</c>.</summary>
    public JsonObject Spec => Csv["spec"]!.AsObject();

    /// <summary>The CSV's annotations.</summary>
    public JsonObject CsvAnnotations => Csv["metadata"]!["annotations"]!.AsObject();

    /// <summary>The one CSV deployment.</summary>
    public JsonObject Deployment => Spec["install"]!["spec"]!["deployments"]![0]!.AsObject();

    /// <summary>The CSV deployment's pod spec.</summary>
    public JsonObject PodSpec => Deployment["spec"]!["template"]!["spec"]!.AsObject();

    /// <summary><c>alm-examples</c> parsed.</summary>
    public JsonArray Examples => JsonNode.Parse(CsvAnnotations["alm-examples"]!.GetValue<string>())!.AsArray();

    /// <summary>The bundle of a flavour name.</summary>
    public static BundleUnderTest Get(string flavour) => flavour switch
    {
        "committed" => Committed.Value,
        "openshift" => OpenShift.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(flavour), flavour, null),
    };

    private static BundleUnderTest BuildOpenShiftFlavour()
    {
        var committed = Committed.Value;
        var version = committed.Spec["version"]!.GetValue<string>();
        var createdAt = DateTimeOffset.Parse(committed.CsvAnnotations["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var options = new BundleOptions(version, createdAt, TestOperatorDigest, PackagingPaths.SharedDistribution);
        var root = Path.Combine(Path.GetTempPath(), "flux-operator-bundle-" + Guid.NewGuid().ToString("N"));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(root, recursive: true);
        var directory = Path.Combine(root, version);
        BundleRenderer.Write(BundleRenderer.Render(PackagingPaths.ConfigRoot, options), directory);
        return new BundleUnderTest("openshift", directory);
    }
}
