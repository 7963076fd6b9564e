using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>flux_instance_info</c> gauge: one series with value 1 describing the managed instance, replaced
/// at the end of every pass and removed while it is being deleted; on the operator's one meter
/// (<see cref="RuntimeMetrics.MeterName"/>).
/// </summary>
public sealed class InstanceMetrics
{
    private volatile KeyValuePair<string, object?>[]? _current;

    /// <summary>Creates the gauge on the operator's meter from <paramref name="meters"/>.</summary>
    public InstanceMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(RuntimeMetrics.MeterName).CreateObservableGauge("flux_instance_info", Observe);
    }

    /// <summary>Replaces the series with the instance's current state.</summary>
    public void Update(FluxInstance instance, FluxInstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(status);
        var ready = status.Condition(ConditionTypes.Ready);
        _current =
        [
            new("uid", instance.Metadata.Uid ?? ""),
            new("kind", FluxInstance.KubeKind),
            new("name", instance.Metadata.Name ?? ""),
            new("exported_namespace", instance.Metadata.NamespaceProperty ?? ""),
            new("ready", ready?.Status ?? "Unknown"),
            new("reason", ready?.Reason ?? ""),
            new("suspended", instance.IsDisabled ? "True" : "False"),
            new("registry", instance.Spec.Distribution.Registry ?? ""),
            new("revision", status.LastAppliedRevision ?? ""),
        ];
    }

    /// <summary>Removes the series (the instance is being deleted).</summary>
    public void Remove() => _current = null;

    private IEnumerable<Measurement<long>> Observe() =>
        _current is { } tags ? [new Measurement<long>(1, tags)] : [];
}
