namespace FluxOperator.Controllers.Runtime;

/// <summary>Delayed adds: one timer per waiting item, the earliest due time wins.</summary>
public sealed partial class WorkQueue<T>
{
    /// <summary>Adds <paramref name="item"/> after <paramref name="delay"/>; an earlier pending due time wins.</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(item);
            return;
        }

        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var due = _time.GetUtcNow() + delay;
            if (_delayed.TryGetValue(item, out var pending))
            {
                if (pending.Due <= due)
                {
                    return;
                }

                pending.Timer.Dispose();
            }

            var entry = new Delayed(due);
            _delayed[item] = entry;
            entry.Timer = _time.CreateTimer(_ => Fire(item, entry), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(T item, Delayed entry)
    {
        lock (_gate)
        {
            if (!_delayed.TryGetValue(item, out var current) || !ReferenceEquals(current, entry))
            {
                return; // superseded by an earlier due time, or shut down
            }

            _delayed.Remove(item);
            entry.Timer.Dispose();
            AddLocked(item);
        }
    }

    private sealed class Delayed(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer Timer { get; set; } = null!;
    }
}
