using System.Text.Json.Nodes;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.Runtime;

/// <summary>The key of a reconcile request: <c>namespace/name</c>, or <c>name</c> alone for cluster-scoped objects.</summary>
/// <param name="Namespace">The namespace; null for cluster-scoped objects.</param>
/// <param name="Name">The object name.</param>
public readonly record struct ObjectKey(string? Namespace, string Name)
{
    /// <summary>The key of an object, from its metadata.</summary>
    public static ObjectKey Of(JsonObject obj) => new(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj));

    /// <summary>Reads <c>namespace/name</c> or <c>name</c>.</summary>
    public static ObjectKey Parse(string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ObjectKey(null, text) : new ObjectKey(text[..slash] is { Length: > 0 } ns ? ns : null, text[(slash + 1)..]);
    }

    /// <inheritdoc />
    public override string ToString() => Namespace is null ? Name : $"{Namespace}/{Name}";
}
