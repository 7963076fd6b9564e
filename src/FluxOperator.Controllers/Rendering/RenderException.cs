namespace FluxOperator.Controllers.Rendering;

/// <summary>A build that cannot produce objects; the message is the <c>&lt;message&gt;</c> of <c>build failed: &lt;message&gt;</c>.</summary>
public sealed class RenderException : Exception
{
    /// <summary>Creates the error with the spec's exact wording.</summary>
    public RenderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error wrapping its cause.</summary>
    public RenderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A failed patch, with where it came from (e.g. <c>spec.kustomize.patches[2]</c>).</summary>
    public RenderException(string message, string? patchOrigin, Exception innerException)
        : base(message, innerException)
    {
        PatchOrigin = patchOrigin;
    }

    /// <summary>Which patch failed, when a user patch did; the message itself keeps the reference's exact wording.</summary>
    public string? PatchOrigin { get; }

    /// <summary>Required by the analyzers; prefer the message overloads.</summary>
    public RenderException()
    {
    }
}
