using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Packaging;

/// <summary>Renders the ClusterServiceVersion from the hand-written base and the config tree.</summary>
public static class ClusterServiceVersionRenderer
{
    /// <summary>The hand-written CSV fields, relative to the config root.</summary>
    public const string BasePath = "manifests/bases/flux-operator.clusterserviceversion.yaml";

    /// <summary>The CSV icon, relative to the config root.</summary>
    public const string IconPath = "manifests/icon.svg";

    private static readonly string[] SpecOrder =
    [
        "displayName", "description", "version", "maturity", "minKubeVersion", "keywords", "maintainers", "provider",
        "links", "icon", "labels", "selector", "installModes", "install", "customresourcedefinitions", "relatedImages",
    ];

    private static readonly JsonSerializerOptions ExampleJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders the CSV object for a release.</summary>
    /// <param name="configRoot">The <c>config/</c> directory.</param>
    /// <param name="crds">The CRDs the bundle ships (from <c>config/crd</c>).</param>
    /// <param name="options">Version, timestamp and image pinning.</param>
    public static JsonObject Render(string configRoot, IReadOnlyList<JsonObject> crds, BundleOptions options)
    {
        var baseCsv = YamlDocuments.ParseObjects(File.ReadAllText(Path.Combine(configRoot, BasePath))).Single();
        var install = ManifestSet.FromKustomization(Path.Combine(configRoot, "default"));
        var samples = ConfigTree.Build(Path.Combine(configRoot, "samples"));
        var relatedImages = RelatedImages.Build(options);

        var spec = (JsonObject)baseCsv["spec"]!.DeepClone();
        ApplyIdentity(spec);
        spec["version"] = options.Version;
        spec["minKubeVersion"] = OlmPackage.MinKubeVersion;
        spec["icon"] = new JsonArray(new JsonObject
        {
            ["base64data"] = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(configRoot, IconPath))),
            ["mediatype"] = "image/svg+xml",
        });
        spec["install"] = InstallStrategy.Build(install, options.OperatorImage);
        spec["customresourcedefinitions"] = new JsonObject { ["owned"] = OwnedCrds(spec, crds) };
        if (relatedImages.Count > 0)
        {
            spec["relatedImages"] = relatedImages;
        }

        return new JsonObject
        {
            ["apiVersion"] = "operators.coreos.com/v1alpha1",
            ["kind"] = "ClusterServiceVersion",
            ["metadata"] = new JsonObject
            {
                ["name"] = OlmPackage.CsvName(options.Version),
                ["namespace"] = "placeholder",
                ["labels"] = Labels(),
                ["annotations"] = Annotations(baseCsv, samples, options, relatedImages),
            },
            ["spec"] = Ordered(spec),
        };
    }

    // Who we are comes from the one identity, never from the hand-written base.
    private static void ApplyIdentity(JsonObject spec)
    {
        spec["displayName"] = ProductIdentity.DisplayName;
        spec["maintainers"] = new JsonArray(new JsonObject { ["name"] = ProductIdentity.MaintainerName, ["email"] = ProductIdentity.MaintainerEmail });
        spec["provider"] = new JsonObject { ["name"] = ProductIdentity.Provider, ["url"] = ProductIdentity.ProviderUrl };
        spec["links"] = new JsonArray(
            new JsonObject { ["name"] = "Source Code", ["url"] = ProductIdentity.SourceUrl },
            new JsonObject { ["name"] = "Documentation", ["url"] = ProductIdentity.DocumentationUrl });
    }

    private static JsonObject Labels()
    {
        var labels = new JsonObject();
        foreach (var arch in OlmPackage.Architectures)
        {
            labels[$"operatorframework.io/arch.{arch}"] = "supported";
        }

        labels["operatorframework.io/os.linux"] = "supported";
        return labels;
    }

    private static JsonObject Annotations(JsonObject baseCsv, IReadOnlyList<JsonObject> samples, BundleOptions options, JsonArray relatedImages)
    {
        var annotations = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in baseCsv["metadata"]?["annotations"]?.AsObject() ?? [])
        {
            annotations[key] = value?.DeepClone();
        }

        annotations["repository"] = ProductIdentity.SourceUrl;
        annotations["alm-examples"] = AlmExamples(samples);
        annotations["containerImage"] = options.OperatorImage;
        annotations["createdAt"] = options.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        // Disconnected installs need the operator and every controller image by digest.
        var disconnected = options.OperatorImageDigest is { Length: > 0 } && options.DistributionPath is { Length: > 0 } && relatedImages.Count > 1;
        annotations["features.operators.openshift.io/disconnected"] = disconnected ? "true" : "false";

        var result = new JsonObject();
        foreach (var (key, value) in annotations)
        {
            result[key] = value;
        }

        return result;
    }

    // A JSON array with one example per line: readable in the CSV, and lines that start without
    // a space keep it a literal block scalar in YAML.
    private static string AlmExamples(IReadOnlyList<JsonObject> samples) =>
        "[\n" + string.Join(",\n", samples.Select(s => JsonSerializer.Serialize(s, ExampleJson))) + "\n]\n";

    private static JsonArray OwnedCrds(JsonObject spec, IReadOnlyList<JsonObject> crds)
    {
        var described = spec["customresourcedefinitions"]?["owned"]?.AsArray().OfType<JsonObject>()
            .ToDictionary(o => o["name"]!.GetValue<string>(), StringComparer.Ordinal) ?? [];
        var owned = new JsonArray();
        foreach (var crd in crds.OrderBy(ManifestSet.NameOf, StringComparer.Ordinal))
        {
            var name = ManifestSet.NameOf(crd);
            if (!described.TryGetValue(name, out var description))
            {
                throw new InvalidDataException($"{BasePath}: the CRD {name} has no owned entry (displayName, description, descriptors)");
            }

            var storage = crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>().Single(v => v["storage"]?.GetValue<bool>() == true);
            var entry = new JsonObject
            {
                ["name"] = name,
                ["version"] = storage["name"]!.GetValue<string>(),
                ["kind"] = crd["spec"]!["names"]!["kind"]!.GetValue<string>(),
            };
            foreach (var (key, value) in description.Where(p => p.Key is not ("name" or "version" or "kind")))
            {
                entry[key] = value?.DeepClone();
            }

            owned.Add(entry);
        }

        var unknown = described.Keys.Except(crds.Select(ManifestSet.NameOf)).ToArray();
        return unknown.Length == 0
            ? owned
            : throw new InvalidDataException($"{BasePath}: owned entries without a CRD in config/crd: {string.Join(", ", unknown)}");
    }

    private static JsonObject Ordered(JsonObject spec)
    {
        var result = new JsonObject();
        foreach (var key in SpecOrder.Where(spec.ContainsKey))
        {
            result[key] = spec[key]!.DeepClone();
        }

        foreach (var (key, value) in spec.Where(p => !SpecOrder.Contains(p.Key)))
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }
}
