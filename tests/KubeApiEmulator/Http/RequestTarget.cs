using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Http;

/// <summary>A resource URL taken apart: type, namespace, name and subresource.</summary>
/// <param name="Type">The served resource type.</param>
/// <param name="Namespace">Namespace from the URL, or null.</param>
/// <param name="Name">Object name, or null for a collection.</param>
/// <param name="Subresource">Subresource (only <c>status</c> is served), or null.</param>
public sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>Resource name for logs: plural, plus <c>/status</c> for the subresource.</summary>
    public string LogName => Subresource is null ? Type.Plural : $"{Type.Plural}/{Subresource}";

    /// <summary>Parses <c>/api/v1/...</c> or <c>/apis/g/v/...</c> below the group version (the segments after it).</summary>
    /// <returns>The target, or null when the URL names nothing served.</returns>
    public static RequestTarget? Parse(ResourceCatalog catalog, string group, string version, string[] rest)
    {
        string? ns = null;
        if (rest.Length >= 3 && rest[0] == "namespaces" && rest[2] is not ("status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3)
        {
            return null;
        }

        var type = catalog.Find(group, version, rest[0]);
        if (type is null || (ns is not null && !type.Namespaced))
        {
            return null;
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        if (sub is not null && !(sub == "status" && type.HasStatus))
        {
            return null;
        }

        if (type.Namespaced && ns is null && name is not null)
        {
            return null;
        }

        return new RequestTarget(type, ns, name, sub);
    }
}
