using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FluxOperator.Controllers.Serialization;

namespace FluxOperator.Packaging;

/// <summary>Renders an OLM bundle directory (<c>bundle/&lt;version&gt;/</c>) from the config tree.</summary>
public static partial class BundleRenderer
{
    /// <summary>The CSV file inside the bundle.</summary>
    public const string CsvFile = "manifests/flux-operator.clusterserviceversion.yaml";

    /// <summary>Renders every file of the bundle, keyed by path relative to the bundle directory ('/' separators).</summary>
    public static IReadOnlyDictionary<string, string> Render(string configRoot, BundleOptions options)
    {
        RequireStrictSemver(options.Version);
        var crds = ConfigTree.Build(Path.Combine(configRoot, "crd"));
        if (crds.Count == 0 || crds.Any(c => ManifestSet.KindOf(c) != "CustomResourceDefinition"))
        {
            throw new InvalidDataException($"{configRoot}/crd must hold only CustomResourceDefinitions, at least one");
        }

        var install = ManifestSet.FromKustomization(Path.Combine(configRoot, "default"));
        var csv = ClusterServiceVersionRenderer.Render(configRoot, crds, options);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [CsvFile] = QuoteTimestamps(YamlDocuments.Write(csv)),
            ["manifests/flux-operator.service.yaml"] = Write(install.Single("Service", OlmPackage.ObjectName)),
            ["metadata/annotations.yaml"] = BundleMetadata.AnnotationsYaml(),
            ["tests/scorecard/config.yaml"] = BundleMetadata.ScorecardYaml(),
            ["bundle.Dockerfile"] = BundleMetadata.Dockerfile(options.Version),
        };
        foreach (var crd in crds)
        {
            files[$"manifests/{ManifestSet.NameOf(crd)}.crd.yaml"] = Write(crd);
        }

        // User-facing roles (aggregated to edit/view) are not the operator's permissions; OLM
        // installs them as plain bundle objects.
        foreach (var role in AggregatedRoles(install))
        {
            files[$"manifests/{ManifestSet.NameOf(role)}.clusterrole.yaml"] = Write(role);
        }

        return files;
    }

    /// <summary>Writes the rendered files into <paramref name="directory"/>, removing whatever else was there.</summary>
    public static void Write(IReadOnlyDictionary<string, string> files, string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        foreach (var (path, text) in files)
        {
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
    }

    /// <summary>The <c>createdAt</c> of the CSV in an existing bundle directory, or null when there is none.</summary>
    public static DateTimeOffset? ReadCreatedAt(string directory)
    {
        var path = Path.Combine(directory, CsvFile);
        if (!File.Exists(path))
        {
            return null;
        }

        var value = YamlDocuments.ParseObjects(File.ReadAllText(path)).Single()["metadata"]?["annotations"]?["createdAt"]?.GetValue<string>();
        return value is null ? null : DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
    }

    /// <summary>Refuses versions OLM cannot take: strict SemVer 2.0, no build metadata, no leading <c>v</c>, not 0.0.0.</summary>
    public static void RequireStrictSemver(string version)
    {
        if (!StrictSemver().IsMatch(version) || version == "0.0.0")
        {
            throw new ArgumentException($"version \"{version}\" must be strict semver MAJOR.MINOR.PATCH[-pre] without a leading v or build metadata, and not 0.0.0", nameof(version));
        }
    }

    private static IEnumerable<JsonObject> AggregatedRoles(ManifestSet install) =>
        install.OfKind("ClusterRole").Where(r => r["metadata"]?["labels"]?.AsObject()
            .Any(l => l.Key.StartsWith("rbac.authorization.k8s.io/aggregate-to-", StringComparison.Ordinal)) == true);

    // Bundle objects other than the CSV must not carry a namespace: OLM places them.
    private static string Write(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy["metadata"]?.AsObject().Remove("namespace");
        return YamlDocuments.Write(copy);
    }

    // YAML 1.1 readers (the OLM tooling) take an unquoted ISO date-time as a timestamp; YamlDocuments
    // follows YAML 1.2, which does not, so quote it here.
    internal static string QuoteTimestamps(string yaml) => UnquotedTimestamp().Replace(yaml, "$1'$2'");

    [GeneratedRegex(@"^(\s+createdAt: )(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$", RegexOptions.Multiline)]
    private static partial Regex UnquotedTimestamp();

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-((0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(\.(0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$")]
    private static partial Regex StrictSemver();
}
