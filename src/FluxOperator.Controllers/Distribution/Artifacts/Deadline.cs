namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>A caller's token plus a budget measured on a <see cref="TimeProvider"/> (fake clocks included).</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;

    public Deadline(TimeSpan budget, TimeProvider time, CancellationToken cancellationToken)
    {
        _timeout = new CancellationTokenSource(budget, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }
}
