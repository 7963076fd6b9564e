using System.Net;

namespace FluxOperator.Controllers.Distribution.Oci;

/// <summary>One request the client sends, with what it needs for auth, retries and error messages.</summary>
internal sealed record RegistryRequest(HttpMethod Method, string Step, string Repository, string Target)
{
    /// <summary>":tag", "@digest" or empty, for messages.</summary>
    public string Subject { get; init; } = "";

    /// <summary>Token scope actions: "pull" or "pull,push".</summary>
    public string Actions { get; init; } = "pull";

    /// <summary>Accept header values.</summary>
    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>Creates the body afresh for each attempt (null = no body).</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>Return after the headers; the caller streams the body.</summary>
    public bool Streaming { get; init; }

    /// <summary>False for requests that must not be repeated (a blob upload's PUT).</summary>
    public bool Retry { get; init; } = true;

    /// <summary>False for uploads: the body is sent before the answer, so its duration is the caller's to bound.</summary>
    public bool Timed { get; init; } = true;

    /// <summary>Statuses handed back to the caller instead of thrown (e.g. 404 for an existence check).</summary>
    public IReadOnlyList<HttpStatusCode> Tolerated { get; init; } = [];
}
