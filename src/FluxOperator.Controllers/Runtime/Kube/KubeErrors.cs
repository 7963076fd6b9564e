using System.Net;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>Classifies API failures as transient (retry with backoff) or terminal (retrying the same request cannot help).</summary>
public static class KubeErrors
{
    /// <summary>
    /// Transient: 409 (stale read or field conflict; a fresh read wins), 410 (list again), 429 (throttled),
    /// 5xx and 408/504 timeouts. Everything else (400, 401, 403, 404, 415, 422, …) is terminal for that request.
    /// </summary>
    public static bool IsTransient(HttpStatusCode statusCode) => statusCode switch
    {
        HttpStatusCode.Conflict or HttpStatusCode.Gone or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout => true,
        _ => (int)statusCode >= 500,
    };

    /// <summary>
    /// Whether an exception from a call to the API is worth retrying: API errors by status code, and every
    /// transport failure (connection refused or reset, a timeout that is not the caller's cancellation).
    /// </summary>
    public static bool IsTransient(Exception error, CancellationToken callerToken = default) => error switch
    {
        KubeApiException api => api.IsTransient,
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpRequestException or IOException or TimeoutException => true,
        k8s.Autorest.HttpOperationException http => http.Response is null || IsTransient(http.Response.StatusCode),
        _ => false,
    };
}
