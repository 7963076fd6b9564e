using System.Net;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>The API server answered with an error <c>Status</c> (or a bare error status code).</summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception from the answer's parts.</summary>
    public KubeApiException(HttpStatusCode statusCode, string reason, string message, JsonObject? status = null, TimeSpan? retryAfter = null)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
        Status = status;
        RetryAfter = retryAfter;
    }

    /// <summary>Creates an exception without details.</summary>
    public KubeApiException()
        : this(HttpStatusCode.InternalServerError, "InternalError", "the API server failed")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public KubeApiException(string message)
        : this(HttpStatusCode.InternalServerError, "InternalError", message)
    {
    }

    /// <summary>Creates an exception wrapping another.</summary>
    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
        Reason = "InternalError";
    }

    /// <summary>The HTTP status code (the <c>Status.code</c>).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The machine-readable <c>Status.reason</c>, e.g. <c>NotFound</c>, <c>Conflict</c>, <c>Expired</c>.</summary>
    public string Reason { get; }

    /// <summary>The whole <c>Status</c> object when the server sent one.</summary>
    public JsonObject? Status { get; }

    /// <summary>The server's <c>Retry-After</c> hint (429, some 5xx).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether retrying the same request later can succeed (see <see cref="KubeErrors"/>).</summary>
    public bool IsTransient => KubeErrors.IsTransient(StatusCode);

    /// <summary>404: the object (or the kind) does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>409 with reason <c>AlreadyExists</c>.</summary>
    public bool IsAlreadyExists => StatusCode == HttpStatusCode.Conflict && Reason == "AlreadyExists";

    /// <summary>409 other than AlreadyExists: a stale resourceVersion or a server-side apply field conflict.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict && Reason != "AlreadyExists";

    /// <summary>410: the resourceVersion or continue token is too old; the caller must list again.</summary>
    public bool IsGone => StatusCode == HttpStatusCode.Gone;
}
