namespace FluxOperator.Controllers.Apply;

/// <summary>An apply, prune or health step failed; the message is the one the pass reports.</summary>
public sealed class ApplyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApplyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ApplyException(string message, Exception innerException)
        : base(message, innerException)
    {
        IsTransient = innerException is ApplyException inner ? inner.IsTransient : Runtime.Kube.KubeErrors.IsTransient(innerException);
    }

    /// <summary>Creates the exception with an explicit transient flag.</summary>
    public ApplyException(string message, Exception? innerException, bool isTransient)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Creates the exception without a message.</summary>
    public ApplyException()
    {
    }

    /// <summary>Whether retrying later can succeed (an API outage, a conflict) as opposed to bad input (an invalid object).</summary>
    public bool IsTransient { get; }
}
