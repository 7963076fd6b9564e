namespace FluxOperator.Controllers.Api.V1;

/// <summary>The <c>status.history</c> upsert rule: most recent first, one snapshot per digest and status, at most five.</summary>
public static class SnapshotHistory
{
    /// <summary>Updates the snapshot with the same digest and status (and moves it to the front) or inserts a new one at the front.</summary>
    /// <param name="history">The list to change in place.</param>
    /// <param name="digest">Revision digest, or the spec digest for build failures.</param>
    /// <param name="now">Time of the pass; truncated to whole seconds as the API stores it.</param>
    /// <param name="duration">Unrounded pass duration in Go duration form.</param>
    /// <param name="status">The outcome reason.</param>
    /// <param name="metadata">Extra information (replaces the previous value).</param>
    public static void Upsert(List<Snapshot> history, string digest, DateTime now, string duration, string status, Dictionary<string, string>? metadata)
    {
        ArgumentNullException.ThrowIfNull(history);
        var at = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var index = history.FindIndex(s => s.Digest == digest && s.LastReconciledStatus == status);
        if (index >= 0)
        {
            var existing = history[index];
            existing.LastReconciled = at;
            existing.LastReconciledDuration = duration;
            existing.TotalReconciliations++;
            existing.Metadata = metadata;
            history.RemoveAt(index);
            history.Insert(0, existing);
            return;
        }

        history.Insert(0, new Snapshot
        {
            Digest = digest,
            FirstReconciled = at,
            LastReconciled = at,
            LastReconciledDuration = duration,
            LastReconciledStatus = status,
            TotalReconciliations = 1,
            Metadata = metadata,
        });
        if (history.Count > Snapshot.MaxHistorySize)
        {
            history.RemoveRange(Snapshot.MaxHistorySize, history.Count - Snapshot.MaxHistorySize);
        }
    }
}
