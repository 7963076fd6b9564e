using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>The HTTP plumbing: authenticated requests, error answers as exceptions, query strings.</summary>
public sealed partial class KubeApiClient
{
    private async Task<JsonObject> SendForObjectAsync(HttpMethod method, string path, JsonNode? body, string? mediaType, ResourceType type,
        CancellationToken cancellationToken) =>
        await SendAsync(method, path, body, mediaType, cancellationToken) is JsonObject obj
            ? WithTypeMeta(obj, type)
            : throw new KubeApiException($"{method} {path}: the answer is not an object");

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, string? mediaType, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, mediaType, HttpCompletionOption.ResponseContentRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return stream.CanSeek && stream.Length == 0 ? null : await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    /// <summary>Sends one request with the client's credentials; throws <see cref="KubeApiException"/> for error answers.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, JsonNode? body, string? mediaType,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(_kubernetes.BaseUri, path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        if (ImpersonatedUser is not null)
        {
            request.Headers.Add("Impersonate-User", ImpersonatedUser);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType ?? JsonMediaType);
        }

        if (_kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        var response = await _kubernetes.HttpClient.SendAsync(request, completion, cancellationToken);
        _metrics?.RestClientRequests.Add(1,
            new("code", ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)),
            new("method", method.Method),
            new("host", _kubernetes.BaseUri.Authority));
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ErrorFromAsync(response, method, path, cancellationToken);
        }
    }

    private static async Task<KubeApiException> ErrorFromAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        try
        {
            if (JsonNode.Parse(text) is JsonObject { } status && status["kind"]?.ToString() == "Status")
            {
                return FromStatus(status, response.StatusCode, retryAfter);
            }
        }
        catch (JsonException)
        {
            // Not a Status document (a proxy's HTML page, say): fall back to the status line below.
        }

        var message = $"{method.Method} {path}: {(int)response.StatusCode} {response.ReasonPhrase} {Truncate(text)}".TrimEnd();
        return new KubeApiException(response.StatusCode, response.StatusCode.ToString(), message, null, retryAfter);
    }

    /// <summary>Turns a <c>Status</c> object (from an error answer or an ERROR watch event) into an exception.</summary>
    internal static KubeApiException FromStatus(JsonObject status, HttpStatusCode? fallback, TimeSpan? retryAfter)
    {
        var code = status["code"] is JsonValue c && c.TryGetValue<int>(out var n) ? (HttpStatusCode)n : fallback ?? HttpStatusCode.InternalServerError;
        var reason = status["reason"]?.ToString() ?? code.ToString();
        var message = status["message"]?.ToString() ?? reason;
        return new KubeApiException(code, reason, message, status, retryAfter);
    }

    private static JsonObject WithTypeMeta(JsonObject obj, ResourceType type)
    {
        obj["apiVersion"] ??= type.ApiVersion;
        obj["kind"] ??= type.Kind;
        return obj;
    }

    internal static string Query(ListOptions options, bool watch)
    {
        var parts = new List<string>();
        if (watch)
        {
            parts.Add("watch=true");
            if (options.AllowWatchBookmarks)
            {
                parts.Add("allowWatchBookmarks=true");
            }

            if (options.Timeout is { } timeout)
            {
                parts.Add("timeoutSeconds=" + ((long)Math.Max(1, timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
            }
        }
        else
        {
            if (options.Limit is { } limit)
            {
                parts.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
            }

            if (options.Continue is not null)
            {
                parts.Add("continue=" + Uri.EscapeDataString(options.Continue));
            }
        }

        if (!string.IsNullOrEmpty(options.LabelSelector))
        {
            parts.Add("labelSelector=" + Uri.EscapeDataString(options.LabelSelector));
        }

        if (!string.IsNullOrEmpty(options.FieldSelector))
        {
            parts.Add("fieldSelector=" + Uri.EscapeDataString(options.FieldSelector));
        }

        if (!string.IsNullOrEmpty(options.ResourceVersion) && (watch || options.Continue is null))
        {
            parts.Add("resourceVersion=" + Uri.EscapeDataString(options.ResourceVersion));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
