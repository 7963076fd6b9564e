using System.Collections.Concurrent;
using FluxOperator.Controllers.Runtime;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Lets a new trigger of a ResourceSet abandon a health wait in progress: the pass
/// takes a token before waiting; the watch mappings fire it when something the set depends on changes meanwhile.
/// </summary>
public sealed class WaitInterrupts
{
    private readonly ConcurrentDictionary<ObjectKey, CancellationTokenSource> _waiting = new();

    /// <summary>Registers a wait for <paramref name="key"/>; dispose the result when the wait ends.</summary>
    public Registration Begin(ObjectKey key)
    {
        var source = new CancellationTokenSource();
        _waiting[key] = source;
        return new Registration(this, key, source);
    }

    /// <summary>Abandons the wait of <paramref name="key"/>, if one is in progress.</summary>
    public void Interrupt(ObjectKey key)
    {
        if (!_waiting.TryGetValue(key, out var source))
        {
            return;
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The wait ended between the lookup and the cancel: nothing left to interrupt.
        }
    }

    /// <summary>One registered wait.</summary>
    public sealed class Registration : IDisposable
    {
        private readonly WaitInterrupts _owner;
        private readonly ObjectKey _key;
        private readonly CancellationTokenSource _source;

        internal Registration(WaitInterrupts owner, ObjectKey key, CancellationTokenSource source)
        {
            _owner = owner;
            _key = key;
            _source = source;
        }

        /// <summary>Fires when the wait is to be abandoned.</summary>
        public CancellationToken Token => _source.Token;

        /// <inheritdoc />
        public void Dispose()
        {
            _owner._waiting.TryRemove(new KeyValuePair<ObjectKey, CancellationTokenSource>(_key, _source));
            _source.Dispose();
        }
    }
}
