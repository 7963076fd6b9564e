namespace FluxOperator.Controllers.Runtime;

/// <summary>
/// A failure that retrying cannot fix (invalid input): the pass counts as an error but the key is not re-queued
/// until a new watch event arrives, and its backoff is kept.
/// </summary>
public sealed class TerminalException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TerminalException()
        : base("terminal reconcile error")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TerminalException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping its cause.</summary>
    public TerminalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
