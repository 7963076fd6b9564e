using System.Collections.Concurrent;

namespace KubeApiEmulator.Http;

/// <summary>Every request the server answered, in order, with counts per verb and resource (to measure API calls per reconcile).</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    /// <summary>A snapshot of all records.</summary>
    public IReadOnlyList<RequestRecord> Records => _records.ToArray();

    /// <summary>How many requests had this verb (and resource, when given).</summary>
    public int Count(string verb, string? resource = null) =>
        _records.Count(r => r.Verb == verb && (resource is null || r.Resource == resource));

    /// <summary>Counts keyed by <c>verb resource</c>, e.g. <c>list deployments</c>.</summary>
    public IReadOnlyDictionary<string, int> Counts() =>
        _records.GroupBy(r => $"{r.Verb} {r.Resource}".TrimEnd()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Forgets every record.</summary>
    public void Clear() => _records.Clear();

    internal void Add(RequestRecord record) => _records.Enqueue(record);
}
