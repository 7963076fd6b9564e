using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Distribution.Catalogue;

/// <summary>The files of one release folder `flux/&lt;version&gt;/`: a manifest per component, the network policies and the RBAC.</summary>
/// <param name="Directory">The absolute release folder.</param>
/// <param name="Components">Component name → manifest path, for the components this release ships (known names only).</param>
/// <param name="PoliciesPath">`policies.yaml` (three NetworkPolicies); null when missing.</param>
/// <param name="RbacPath">`rbac.yaml` (ResourceQuota, ClusterRoles, bindings); null when missing.</param>
public sealed record ReleaseFiles(string Directory, IReadOnlyDictionary<string, string> Components, string? PoliciesPath, string? RbacPath)
{
    /// <summary>Where the manifest of <paramref name="component"/> is (or would be) in this release.</summary>
    public string ManifestPath(string component) => Path.Combine(Directory, component + ".yaml");

    /// <summary>Reads the files of <paramref name="directory"/>.</summary>
    public static ReleaseFiles Read(string directory)
    {
        var components = FluxComponents.All
            .Select(c => (Name: c, Path: Path.Combine(directory, c + ".yaml")))
            .Where(c => File.Exists(c.Path))
            .ToDictionary(c => c.Name, c => c.Path, StringComparer.Ordinal);
        return new ReleaseFiles(directory, components, Existing(Path.Combine(directory, "policies.yaml")), Existing(Path.Combine(directory, "rbac.yaml")));
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;
}
