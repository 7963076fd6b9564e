using System.Text.Json.Nodes;

namespace KubeApiEmulator.Resources;

/// <summary>One served resource at one group version: its names, scope and behaviour switches.</summary>
public sealed record ResourceType
{
    /// <summary>API group; empty for the core group.</summary>
    public required string Group { get; init; }

    /// <summary>Version such as <c>v1</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Lower-case plural used in URLs.</summary>
    public required string Plural { get; init; }

    /// <summary>Lower-case singular name.</summary>
    public required string Singular { get; init; }

    /// <summary>Kind of the objects.</summary>
    public required string Kind { get; init; }

    /// <summary>True when objects live in a namespace.</summary>
    public required bool Namespaced { get; init; }

    /// <summary>True when a <c>/status</c> subresource isolates <c>.status</c>.</summary>
    public bool HasStatus { get; init; }

    /// <summary>True when <c>metadata.generation</c> is maintained.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>True for built-in kinds (strategic merge patch is allowed).</summary>
    public bool BuiltIn { get; init; }

    /// <summary>Short names for kubectl.</summary>
    public IReadOnlyList<string> ShortNames { get; init; } = [];

    /// <summary>Categories such as <c>all</c>.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Verbs discovery lists, when not the usual eight.</summary>
    public IReadOnlyList<string>? Verbs { get; init; }

    /// <summary>The CRD's <c>additionalPrinterColumns</c> for this version (kubectl get columns).</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>The CRD's OpenAPI schema for this version, used for list types in server-side apply.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary><c>group/version</c>, or just the version for the core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Storage identity shared by every version of the resource: <c>plural.group</c>.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>Kind of list responses.</summary>
    public string ListKind => Kind + "List";
}
