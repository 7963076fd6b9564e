using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime;

/// <summary>One change seen by an informer. The objects are the cache's own: read them, do not change them.</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The new state (for a delete: the last known state).</param>
/// <param name="Old">For an update: the previous state.</param>
public sealed record InformerEvent(InformerEventType Type, JsonObject Object, JsonObject? Old = null)
{
    /// <summary>The key of the object.</summary>
    public ObjectKey Key => ObjectKey.Of(Object);
}
