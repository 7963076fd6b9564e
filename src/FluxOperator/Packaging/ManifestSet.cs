using System.Text.Json.Nodes;

namespace FluxOperator.Packaging;

/// <summary>Built config objects with the look-ups the generators need (by kind, by name).</summary>
public sealed class ManifestSet(IReadOnlyList<JsonObject> objects)
{
    /// <summary>Every object, in build order.</summary>
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    /// <summary>Builds a kustomization directory of the config tree.</summary>
    public static ManifestSet FromKustomization(string directory) => new(ConfigTree.Build(directory));

    /// <summary>Every object of a kind, in build order.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => KindOf(o) == kind);

    /// <summary>The one object of a kind and name.</summary>
    /// <exception cref="InvalidDataException">None or several objects match.</exception>
    public JsonObject Single(string kind, string name)
    {
        var matches = OfKind(kind).Where(o => NameOf(o) == name).ToArray();
        return matches.Length == 1
            ? matches[0]
            : throw new InvalidDataException($"expected exactly one {kind} {name} in the config tree, found {matches.Length}");
    }

    /// <summary>The object's <c>kind</c>, or empty.</summary>
    public static string KindOf(JsonObject obj) => obj["kind"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The object's <c>metadata.name</c>, or empty.</summary>
    public static string NameOf(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? string.Empty;
}
