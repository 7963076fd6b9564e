using System.Net;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>A registry operation failed; the message names the step, the registry and the repository.</summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception; prefer the constructor that names the step.</summary>
    public OciException()
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public OciException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public OciException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one step against one repository; <paramref name="subject"/> is ":tag" or "@digest" or empty.</summary>
    public OciException(OciFailure failure, string step, string registry, string repository, string subject, string detail, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base($"{step} {registry}/{repository}{subject}: {detail}", innerException)
    {
        Failure = failure;
        Step = step;
        Registry = registry;
        Repository = repository;
        Detail = detail;
        StatusCode = statusCode;
    }

    /// <summary>The failure kind.</summary>
    public OciFailure Failure { get; } = OciFailure.InvalidResponse;

    /// <summary>The step that failed, e.g. <c>GET manifest</c>.</summary>
    public string Step { get; } = "";

    /// <summary>The registry host.</summary>
    public string Registry { get; } = "";

    /// <summary>The repository.</summary>
    public string Repository { get; } = "";

    /// <summary>What went wrong, without the step and repository prefix.</summary>
    public string Detail { get; } = "";

    /// <summary>The HTTP status when the registry answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>True when the registry could not be reached or did not answer in time (a cached copy may serve).</summary>
    public bool IsUnavailable =>
        Failure is OciFailure.Unreachable or OciFailure.Timeout
        || (Failure == OciFailure.Http && StatusCode is { } s && ((int)s >= 500 || s == HttpStatusCode.TooManyRequests));
}
