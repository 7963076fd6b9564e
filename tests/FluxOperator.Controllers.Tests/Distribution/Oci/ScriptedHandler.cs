using System.Collections.Concurrent;

namespace FluxOperator.Controllers.Tests.Distribution.Oci;

/// <summary>An in-memory HTTP handler that answers with a script and records what it was asked.</summary>
internal sealed class ScriptedHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
        : this(request => Task.FromResult(respond(request)))
    {
    }

    public ConcurrentQueue<(HttpMethod Method, string Url, string? Authorization)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Enqueue((request.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString()));
        var response = await respond(request).WaitAsync(cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
