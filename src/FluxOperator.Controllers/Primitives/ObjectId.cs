using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Primitives;

/// <summary>
/// Identity of a managed object without its version: namespace, name, group and kind, with the Go operator's string form
/// <c>&lt;namespace&gt;_&lt;name&gt;_&lt;group&gt;_&lt;kind&gt;</c> (cli-utils <c>ObjMetadata</c>).
/// </summary>
/// <param name="Namespace">Empty for cluster-scoped objects.</param>
/// <param name="Name">The object name.</param>
/// <param name="Group">Empty for the core group.</param>
/// <param name="Kind">The object kind.</param>
public readonly record struct ObjectId(string Namespace, string Name, string Group, string Kind)
{
    private const char Separator = '_';

    // Names of RBAC objects may contain ':', which cli-utils writes as "__" so the id stays splittable.
    private const string ColonTranscoded = "__";

    /// <summary>The four RBAC kinds, whose names may contain a colon.</summary>
    public bool IsRbac => Group == "rbac.authorization.k8s.io" && Kind is "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding";

    /// <summary><c>Kind/namespace/name</c>, or <c>Kind/name</c> when cluster-scoped: the change-set subject.</summary>
    public string Subject => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";

    /// <summary>The identity of an unstructured object (from <c>apiVersion</c>, <c>kind</c> and <c>metadata</c>).</summary>
    public static ObjectId Of(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = Text(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return new ObjectId(
            Text(obj["metadata"]?["namespace"]),
            Text(obj["metadata"]?["name"]),
            slash < 0 ? "" : apiVersion[..slash],
            Text(obj["kind"]));
    }

    /// <summary>The inventory id string (exactly what the Go operator writes).</summary>
    public override string ToString()
    {
        var name = IsRbac ? Name.Replace(":", ColonTranscoded, StringComparison.Ordinal) : Name;
        return string.Join(Separator, Namespace, name, Group, Kind);
    }

    /// <summary>Parses an inventory id: first <c>_</c> ends the namespace, the last two start group and kind.</summary>
    public static bool TryParse(string? text, out ObjectId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var first = text.IndexOf(Separator, StringComparison.Ordinal);
        if (first < 0)
        {
            return false;
        }

        var rest = text[(first + 1)..];
        var last = rest.LastIndexOf(Separator);
        if (last < 0)
        {
            return false;
        }

        var kind = rest[(last + 1)..];
        rest = rest[..last];
        var beforeGroup = rest.LastIndexOf(Separator);
        if (beforeGroup < 0)
        {
            return false;
        }

        var candidate = new ObjectId(text[..first], rest[..beforeGroup], rest[(beforeGroup + 1)..], kind);
        var name = candidate.IsRbac ? candidate.Name.Replace(ColonTranscoded, ":", StringComparison.Ordinal) : candidate.Name;
        if (name.Length == 0 || kind.Length == 0 || name.Contains(Separator, StringComparison.Ordinal))
        {
            return false;
        }

        id = candidate with { Name = name };
        return true;
    }

    /// <summary>Parses an inventory id or throws <see cref="FormatException"/>.</summary>
    public static ObjectId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"unable to parse stored object metadata: {text}");

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
