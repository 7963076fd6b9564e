using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>One event of a watch stream (ERROR events are raised as <see cref="KubeApiException"/> instead).</summary>
/// <param name="Type">What happened.</param>
/// <param name="Object">The object (for a bookmark, only its <c>metadata.resourceVersion</c>).</param>
public sealed record WatchEvent(WatchEventType Type, JsonObject Object)
{
    /// <summary>The resourceVersion the event carries.</summary>
    public string? ResourceVersion => Object["metadata"]?["resourceVersion"]?.GetValue<string>();
}
