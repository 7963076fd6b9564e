using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// Records a pass's events on the instance; the ones meant for users (revisions, changes, failures) also go to
/// notification-controller with the instance's <c>event.toolkit.fluxcd.io/*</c> annotations.
/// </summary>
public sealed class InstanceEvents
{
    private readonly IEventRecorder _recorder;
    private readonly FluxInstanceReconcilerOptions _options;

    /// <summary>Creates the recorder of one controller.</summary>
    public InstanceEvents(IEventRecorder recorder, FluxInstanceReconcilerOptions options)
    {
        _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <summary>Records an event on the instance only.</summary>
    public Task RecordAsync(InstancePass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return _recorder.RecordAsync(pass.Reference, instanceEvent, cancellationToken);
    }

    /// <summary>Records an event on the instance and forwards it to notification-controller.</summary>
    public Task ForwardAsync(InstancePass pass, InstanceEvent instanceEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(instanceEvent);
        var forwarded = instanceEvent with
        {
            ForwardTo = NotificationForwarder.Target(pass.Instance, _options.NotificationAddress, _options.NotificationsDisabled),
            ForwardMetadata = (pass.Instance.Metadata.Annotations ?? new Dictionary<string, string>())
                .Where(a => a.Key.StartsWith(AnnotationKeys.EventPrefix, StringComparison.Ordinal))
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal),
        };
        return _recorder.RecordAsync(pass.Reference, forwarded, cancellationToken);
    }
}
