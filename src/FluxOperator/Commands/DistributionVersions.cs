using NuGet.Versioning;

namespace FluxOperator.Commands;

/// <summary>The Flux versions a distribution folder holds: the names of the folders under <c>flux/</c>, in semver order.</summary>
internal static class DistributionVersions
{
    public static IReadOnlyList<string> In(string distribution)
    {
        var flux = Path.Combine(distribution, "flux");
        if (!Directory.Exists(flux))
        {
            return [];
        }

        return Directory.GetDirectories(flux)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(name => (Name: name, Version: SemanticVersion.TryParse(name.TrimStart('v'), out var v) ? v : null))
            .OrderBy(x => x.Version is null)
            .ThenBy(x => x.Version)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => x.Name)
            .ToArray();
    }
}
