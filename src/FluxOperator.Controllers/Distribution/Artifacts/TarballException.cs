namespace FluxOperator.Controllers.Distribution.Artifacts;

/// <summary>A tarball was refused during extraction (unsafe name, link, device, size); nothing escaped the target.</summary>
public sealed class TarballException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TarballException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TarballException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TarballException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
