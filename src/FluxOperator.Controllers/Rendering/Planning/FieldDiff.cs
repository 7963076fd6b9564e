using System.Text;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>
/// The field paths where two objects differ, written as a reviewer reads them:
/// <c>spec.template.spec.containers[name=manager].image</c>, <c>metadata.labels['app.kubernetes.io/version']</c>.
/// </summary>
/// <remarks>
/// Lists whose items all carry a unique <c>name</c> (containers, env, ports, CRD versions) are matched by name, so an
/// inserted item is one path rather than a shifted tail. Other lists of objects are matched by position; a list of
/// scalars that differs is one path. Paths stop at <see cref="MaxDepth"/> segments, so a rewritten CRD schema reads as
/// <c>spec.versions[name=v1].schema.openAPIV3Schema.properties.spec</c> instead of hundreds of leaves.
/// </remarks>
public static class FieldDiff
{
    /// <summary>Deepest path reported; a difference below it is reported at this depth.</summary>
    public const int MaxDepth = 6;

    /// <summary>The sorted, distinct paths where <paramref name="before"/> and <paramref name="after"/> differ.</summary>
    public static IReadOnlyList<string> Paths(JsonObject before, JsonObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        Compare(before, after, "", 0, paths);
        return [.. paths];
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, int depth, SortedSet<string> paths)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        if (depth >= MaxDepth && path.Length > 0)
        {
            paths.Add(path);
            return;
        }

        switch (before, after)
        {
            case (JsonObject b, JsonObject a):
                foreach (var key in b.Select(p => p.Key).Union(a.Select(p => p.Key), StringComparer.Ordinal))
                {
                    Compare(b[key], a[key], Child(path, key), depth + 1, paths);
                }

                break;
            case (JsonArray b, JsonArray a) when NamedItems(b) is { } named && NamedItems(a) is { } namedAfter:
                foreach (var name in named.Keys.Union(namedAfter.Keys, StringComparer.Ordinal))
                {
                    Compare(named.GetValueOrDefault(name), namedAfter.GetValueOrDefault(name), $"{path}[name={name}]", depth + 1, paths);
                }

                break;
            case (JsonArray b, JsonArray a) when b.Count == a.Count && b.All(i => i is JsonObject):
                for (var i = 0; i < b.Count; i++)
                {
                    Compare(b[i], a[i], $"{path}[{i}]", depth + 1, paths);
                }

                break;
            default:
                paths.Add(path.Length == 0 ? "." : path);
                break;
        }
    }

    private static Dictionary<string, JsonNode>? NamedItems(JsonArray items)
    {
        var named = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not JsonObject obj || obj["name"] is not JsonValue value || !value.TryGetValue<string>(out var name) || !named.TryAdd(name, item))
            {
                return null;
            }
        }

        return named;
    }

    private static string Child(string path, string key)
    {
        if (IsPlain(key))
        {
            return path.Length == 0 ? key : path + "." + key;
        }

        return new StringBuilder(path).Append("['").Append(key.Replace("'", "\\'", StringComparison.Ordinal)).Append("']").ToString();
    }

    private static bool IsPlain(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$');
}
