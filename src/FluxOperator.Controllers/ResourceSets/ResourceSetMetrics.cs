using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Reconciliation;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The <c>flux_resourceset_info</c> gauge: one series with value 1 per ResourceSet, replaced at the end of every pass
/// (so changed labels leave no stale series) and removed while the set is being deleted. Exported with the
/// reconcilers' meter (<see cref="InstanceMetrics.MeterName"/>).
/// </summary>
public static class ResourceSetMetrics
{
    private static readonly ConcurrentDictionary<ObjectKey, KeyValuePair<string, object?>[]> Series = new();

    static ResourceSetMetrics()
    {
        InstanceMetrics.Meter.CreateObservableGauge("flux_resourceset_info", Observe);
    }

    /// <summary>Replaces the series of the set with its current state.</summary>
    public static void Update(ResourceSet set, ResourceSetStatus status)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(status);
        var ready = status.Conditions?.Find(c => c.Type == ConditionTypes.Ready);
        Series[Key(set)] =
        [
            new("uid", set.Metadata.Uid ?? ""),
            new("kind", ResourceSet.KubeKind),
            new("name", set.Metadata.Name ?? ""),
            new("exported_namespace", set.Metadata.NamespaceProperty ?? ""),
            new("ready", ready?.Status ?? "Unknown"),
            new("reason", ready?.Reason ?? ""),
            new("suspended", set.IsDisabled ? "True" : "False"),
            new("resources", (status.Inventory?.Entries.Count ?? 0).ToString(CultureInfo.InvariantCulture)),
            new("revision", status.LastAppliedRevision ?? ""),
        ];
    }

    /// <summary>Removes the series of a set (deleted, or being deleted).</summary>
    public static void Remove(ObjectKey key) => Series.TryRemove(key, out _);

    /// <summary>The current label sets, one per set (for tests and the report).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, object?>> Snapshot() =>
        Series.Values.Select(tags => (IReadOnlyDictionary<string, object?>)tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)).ToArray();

    private static ObjectKey Key(ResourceSet set) => new(set.Metadata.NamespaceProperty, set.Metadata.Name ?? "");

    private static IEnumerable<Measurement<long>> Observe() => Series.Values.Select(tags => new Measurement<long>(1, tags));
}
