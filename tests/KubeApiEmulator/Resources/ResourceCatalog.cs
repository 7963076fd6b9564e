using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Resources;

/// <summary>Which resources are served right now: the built-ins plus every established CRD.</summary>
public sealed class ResourceCatalog
{
    private readonly Lock _gate = new();
    private ImmutableList<ResourceType> _types = [.. BuiltInResources.All];
    private ImmutableDictionary<string, ImmutableList<ResourceType>> _byCrd = ImmutableDictionary<string, ImmutableList<ResourceType>>.Empty;

    /// <summary>Every served resource type (a snapshot).</summary>
    public IReadOnlyList<ResourceType> Types => _types;

    /// <summary>Finds the type served at group/version/plural.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _types.Find(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>Finds the type for an apiVersion and kind.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        var (group, version) = SplitApiVersion(apiVersion);
        return _types.Find(t => t.Group == group && t.Version == version && t.Kind == kind);
    }

    /// <summary>Every served version of one group resource.</summary>
    public IEnumerable<ResourceType> Versions(string groupResource) => _types.Where(t => t.GroupResource == groupResource);

    /// <summary>Group versions in the order discovery lists them, with the preferred (first listed) version first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var snapshot = _types;
        return snapshot.Where(t => t.Group.Length > 0)
            .GroupBy(t => t.Group)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(t => t.Version).Distinct().OrderByDescending(VersionPriority).ToArray()))
            .ToArray();
    }

    /// <summary>Serves the versions a CRD declares (replacing any earlier registration of the same CRD).</summary>
    public void Register(JsonObject crd)
    {
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var types = FromCrd(crd);
        lock (_gate)
        {
            var without = _byCrd.TryGetValue(name, out var old) ? _types.RemoveAll(old.Contains) : _types;
            _types = without.AddRange(types);
            _byCrd = _byCrd.SetItem(name, [.. types]);
        }
    }

    /// <summary>Stops serving a CRD's resources.</summary>
    public void Unregister(string crdName)
    {
        lock (_gate)
        {
            if (_byCrd.TryGetValue(crdName, out var old))
            {
                _types = _types.RemoveAll(old.Contains);
                _byCrd = _byCrd.Remove(crdName);
            }
        }
    }

    /// <summary>Splits <c>group/version</c> (or a core <c>v1</c>).</summary>
    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    private static List<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"]?.AsObject() ?? [];
        var names = spec["names"]?.AsObject() ?? [];
        var group = spec["group"]?.GetValue<string>() ?? "";
        var plural = names["plural"]?.GetValue<string>() ?? "";
        var kind = names["kind"]?.GetValue<string>() ?? "";
        var singular = names["singular"]?.GetValue<string>() ?? kind.ToLowerInvariant();
        var namespaced = spec["scope"]?.GetValue<string>() != "Cluster";
        var result = new List<ResourceType>();
        foreach (var v in spec["versions"]?.AsArray() ?? [])
        {
            if (v is not JsonObject version || version["served"]?.GetValue<bool>() != true)
            {
                continue;
            }

            result.Add(new ResourceType
            {
                Group = group,
                Version = version["name"]?.GetValue<string>() ?? "",
                Plural = plural,
                Singular = singular,
                Kind = kind,
                Namespaced = namespaced,
                HasStatus = version["subresources"]?["status"] is not null,
                TracksGeneration = true,
                BuiltIn = false,
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                Schema = version["schema"]?["openAPIV3Schema"]?.DeepClone().AsObject(),
                PrinterColumns = version["additionalPrinterColumns"]?.DeepClone().AsArray(),
            });
        }

        return result;
    }

    private static string[] Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n?.GetValue<string>() ?? "").ToArray() : [];

    // Kubernetes orders versions GA > beta > alpha, higher numbers first.
    private static (int, int, int) VersionPriority(string version)
    {
        var m = System.Text.RegularExpressions.Regex.Match(version, @"^v(\d+)(?:(alpha|beta)(\d+))?$");
        if (!m.Success)
        {
            return (-1, 0, 0);
        }

        var stage = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        return (stage, int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
            m.Groups[3].Success && m.Groups[3].Value.Length > 0 ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
    }
}
