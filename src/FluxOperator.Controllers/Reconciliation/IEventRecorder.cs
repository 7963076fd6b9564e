using k8s.Models;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>Records events against an object; failures are the recorder's business (logged), never the pass's.</summary>
public interface IEventRecorder
{
    /// <summary>Records <paramref name="instanceEvent"/> against the object described by <paramref name="subject"/>.</summary>
    Task RecordAsync(V1ObjectReference subject, InstanceEvent instanceEvent, CancellationToken cancellationToken);
}
