namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>Pulling, extracting or pushing an artifact failed; the message follows the Go operator's wording.</summary>
public sealed class ArtifactException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ArtifactException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ArtifactException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ArtifactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
