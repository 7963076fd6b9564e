namespace FluxOperator.Controllers.Runtime;

/// <summary>A part of the <see cref="ControllerHost"/> failed; the host stopped every other part.</summary>
public sealed class RunnableFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunnableFailedException(string runnable, string reason, Exception? inner = null)
        : base($"{runnable}: {reason}", inner)
    {
        Runnable = runnable;
        Reason = reason;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RunnableFailedException()
        : this("unknown", "failed")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public RunnableFailedException(string message)
        : this("unknown", message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RunnableFailedException(string message, Exception inner)
        : this("unknown", message, inner)
    {
    }

    /// <summary>The part that failed (<c>controller fluxreport</c>, <c>informer fluxinstances…</c>).</summary>
    public string Runnable { get; }

    /// <summary>Why it failed, in one line.</summary>
    public string Reason { get; }
}
