namespace KubeApiEmulator.Patching;

/// <summary>How a list merges: atomic (replaced whole), a map keyed by fields, or a set of primitives.</summary>
/// <param name="Kind">"atomic", "map" or "set".</param>
/// <param name="Keys">Key fields of a map list.</param>
public sealed record ListType(string Kind, IReadOnlyList<string> Keys)
{
    /// <summary>Replaced as a whole.</summary>
    public static ListType Atomic { get; } = new("atomic", []);

    /// <summary>Primitives merged as a set.</summary>
    public static ListType Set { get; } = new("set", []);

    /// <summary>Objects merged by the given key fields.</summary>
    public static ListType Map(params string[] keys) => new("map", keys);

    /// <summary>True for a keyed list.</summary>
    public bool IsMap => Kind == "map";
}
