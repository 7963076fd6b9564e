namespace FluxOperator.Controllers.Reporting;

/// <summary>A report step failed; the message is what the report logs (e.g. <c>failed to list CRDs: no Flux CRDs found</c>).</summary>
public sealed class ReportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ReportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
