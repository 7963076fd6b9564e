using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>Reads the common <c>metadata</c> fields of an unstructured object.</summary>
public static class ObjectMeta
{
    /// <summary><c>metadata.name</c> (empty when missing).</summary>
    public static string Name(JsonObject obj) => Text(obj, "name") ?? "";

    /// <summary><c>metadata.namespace</c>, null for cluster-scoped objects.</summary>
    public static string? Namespace(JsonObject obj) => Text(obj, "namespace") is { Length: > 0 } ns ? ns : null;

    /// <summary><c>metadata.resourceVersion</c>.</summary>
    public static string? ResourceVersion(JsonObject obj) => Text(obj, "resourceVersion");

    /// <summary><c>metadata.uid</c>.</summary>
    public static string? Uid(JsonObject obj) => Text(obj, "uid");

    /// <summary><c>metadata.generation</c> (0 when missing).</summary>
    public static long Generation(JsonObject obj) =>
        obj["metadata"]?["generation"] is JsonValue v && v.TryGetValue<long>(out var g) ? g : 0;

    /// <summary>Whether <c>metadata.deletionTimestamp</c> is set.</summary>
    public static bool IsDeleting(JsonObject obj) => Text(obj, "deletionTimestamp") is not null;

    private static string? Text(JsonObject obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
