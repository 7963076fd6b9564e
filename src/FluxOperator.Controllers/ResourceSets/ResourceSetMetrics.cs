using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// The <c>flux_resourceset_info</c> gauge: one series with value 1 per ResourceSet, replaced at the end of every pass
/// (so changed labels leave no stale series) and removed while the set is being deleted; on the operator's one meter
/// (<see cref="RuntimeMetrics.MeterName"/>).
/// </summary>
public sealed class ResourceSetMetrics
{
    private readonly ConcurrentDictionary<ObjectKey, KeyValuePair<string, object?>[]> _series = new();

    /// <summary>Creates the gauge on the operator's meter from <paramref name="meters"/>.</summary>
    public ResourceSetMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meters.Create(RuntimeMetrics.MeterName).CreateObservableGauge("flux_resourceset_info", Observe);
    }

    /// <summary>Replaces the series of the set with its current state.</summary>
    public void Update(ResourceSet set, ResourceSetStatus status)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(status);
        var ready = status.Conditions?.Find(c => c.Type == ConditionTypes.Ready);
        _series[Key(set)] =
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
    public void Remove(ObjectKey key) => _series.TryRemove(key, out _);

    /// <summary>The current label sets, one per set (for tests and the report).</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Snapshot() =>
        _series.Values.Select(tags => (IReadOnlyDictionary<string, object?>)tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)).ToArray();

    private static ObjectKey Key(ResourceSet set) => new(set.Metadata.NamespaceProperty, set.Metadata.Name ?? "");

    private IEnumerable<Measurement<long>> Observe() => _series.Values.Select(tags => new Measurement<long>(1, tags));
}
