using System.Diagnostics.Metrics;
using FluxOperator.Controllers.Api.V1;

namespace FluxOperator.Controllers.Reconciliation;

/// <summary>
/// The <c>flux_instance_info</c> gauge: one series with value 1 describing the managed instance, replaced
/// at the end of every pass and removed while it is being deleted. The host exports <see cref="MeterName"/>.
/// </summary>
public static class InstanceMetrics
{
    /// <summary>The meter the host subscribes to.</summary>
    public const string MeterName = "FluxOperator.Reconciliation";

    private static volatile KeyValuePair<string, object?>[]? _current;

    static InstanceMetrics()
    {
        Meter.CreateObservableGauge("flux_instance_info", Observe);
    }

    /// <summary>The reconcilers' meter.</summary>
    public static Meter Meter { get; } = new(MeterName);

    /// <summary>Replaces the series with the instance's current state.</summary>
    public static void Update(FluxInstance instance, FluxInstanceStatus status)
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
    public static void Remove() => _current = null;

    private static IEnumerable<Measurement<long>> Observe() =>
        _current is { } tags ? [new Measurement<long>(1, tags)] : [];
}
