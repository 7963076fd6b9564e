namespace FluxOperator.Controllers.Reconciliation;

/// <summary>One Kubernetes event about the FluxInstance.</summary>
/// <param name="Type"><c>Normal</c> or <c>Warning</c>.</param>
/// <param name="Reason">The reason, e.g. <c>ReconciliationSucceeded</c>.</param>
/// <param name="Message">The message.</param>
/// <param name="Revision">The <c>fluxcd.controlplane.io/revision</c> annotation, when the event refers to one.</param>
public sealed record InstanceEvent(string Type, string Reason, string Message, string? Revision = null)
{
    /// <summary>Where the event is also posted (notification-controller); null: Kubernetes only.</summary>
    public Uri? ForwardTo { get; init; }

    /// <summary>Extra metadata of the forwarded event (the instance's <c>event.toolkit.fluxcd.io/*</c> annotations).</summary>
    public IReadOnlyDictionary<string, string> ForwardMetadata { get; init; } = new Dictionary<string, string>();

    /// <summary>A Normal event.</summary>
    public static InstanceEvent Normal(string reason, string message, string? revision = null) => new("Normal", reason, message, revision);

    /// <summary>A Warning event.</summary>
    public static InstanceEvent Warning(string reason, string message, string? revision = null) => new("Warning", reason, message, revision);
}
