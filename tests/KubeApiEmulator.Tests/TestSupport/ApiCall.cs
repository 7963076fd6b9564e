using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace KubeApiEmulator.Tests.TestSupport;

/// <summary>Raw HTTP requests against the emulator, answering status code and parsed JSON body.</summary>
public sealed class ApiCall : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client for the server's base URL, sending <paramref name="token"/> (the administrator's by default; null sends none).</summary>
    public ApiCall(string baseUrl, string? token = Auth.ClusterAccess.AdminToken)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>The underlying client (for streaming reads).</summary>
    public HttpClient Http => _http;

    /// <summary>GET.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Get(string path) => Send(HttpMethod.Get, path, null, null);

    /// <summary>POST JSON.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Post(string path, string json) => Send(HttpMethod.Post, path, json, "application/json");

    /// <summary>PUT JSON.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Put(string path, string json) => Send(HttpMethod.Put, path, json, "application/json");

    /// <summary>PATCH with a patch media type.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Patch(string path, string contentType, string body) => Send(HttpMethod.Patch, path, body, contentType);

    /// <summary>Merge patch.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Merge(string path, string body) => Patch(path, "application/merge-patch+json", body);

    /// <summary>Server-side apply.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Apply(string path, string manager, string body, bool force = false, bool dryRun = false) =>
        Patch($"{path}?fieldManager={manager}{(force ? "&force=true" : "")}{(dryRun ? "&dryRun=All" : "")}", "application/apply-patch+yaml", body);

    /// <summary>DELETE, optionally with a DeleteOptions body.</summary>
    public Task<(HttpStatusCode Code, JsonNode? Body)> Delete(string path, string? options = null) =>
        Send(HttpMethod.Delete, path, options, options is null ? null : "application/json");

    /// <summary>Any request.</summary>
    public async Task<(HttpStatusCode Code, JsonNode? Body)> Send(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Disposes the client.</summary>
    public void Dispose() => _http.Dispose();
}
