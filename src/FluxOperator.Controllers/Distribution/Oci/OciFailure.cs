namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>What kind of failure an <see cref="OciException"/> reports; drives retry and cache fallback.</summary>
public enum OciFailure
{
    /// <summary>The registry answered with an error status (401, 404, …).</summary>
    Http,

    /// <summary>The registry could not be reached (connection refused, DNS, TLS, reset).</summary>
    Unreachable,

    /// <summary>A request did not complete within its timeout.</summary>
    Timeout,

    /// <summary>Content did not match its digest or declared size.</summary>
    DigestMismatch,

    /// <summary>The registry answered with something that is not valid for the protocol.</summary>
    InvalidResponse,
}
