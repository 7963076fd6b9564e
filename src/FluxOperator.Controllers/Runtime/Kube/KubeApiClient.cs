using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>
/// A thin client for any resource as unstructured JSON: get, paginated list, watch, server-side apply, patch,
/// status writes and delete, over KubernetesClient's authenticated HTTP pipeline. Errors become
/// <see cref="KubeApiException"/>; a missing object on get or delete is a value, not an error.
/// </summary>
/// <remarks>
/// KubernetesClient's typed API covers built-in kinds and its custom-object API cannot address the core group,
/// so unstructured calls go through the same <see cref="HttpClient"/> and credentials it uses itself.
/// </remarks>
public sealed partial class KubeApiClient
{
    private const string JsonMediaType = "application/json";
    private readonly Kubernetes _kubernetes;

    /// <summary>Wraps a configured client; the caller keeps ownership of it.</summary>
    public KubeApiClient(Kubernetes kubernetes)
    {
        _kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        Mapper = new RestMapper(this);
    }

    /// <summary>The typed client, for built-in calls such as the leader-election Lease.</summary>
    public IKubernetes Typed => _kubernetes;

    /// <summary>Discovery-backed mapping from kinds to resources, cached per client.</summary>
    public RestMapper Mapper { get; }

    /// <summary>Reads an object; null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(ResourceType type, string? @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await SendForObjectAsync(HttpMethod.Get, type.PathFor(@namespace, name), null, null, type, cancellationToken);
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Reads one page of a collection (all namespaces when <paramref name="namespace"/> is null).</summary>
    public async Task<ObjectList> ListAsync(ResourceType type, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ListOptions();
        var query = Query(options, watch: false);
        var node = await SendAsync(HttpMethod.Get, type.PathFor(@namespace) + query, null, null, cancellationToken)
            ?? throw new KubeApiException($"empty list answer for {type}");
        var items = new List<JsonObject>();
        if (node["items"] is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonObject obj)
                {
                    // List items come without apiVersion and kind; fill them so every layer sees whole objects.
                    items.Add(WithTypeMeta(obj.DeepClone().AsObject(), type));
                }
            }
        }

        var rv = node["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        var next = node["metadata"]?["continue"]?.GetValue<string>();
        return new ObjectList(items, rv, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Reads a whole collection, following continue tokens page by page.</summary>
    public async Task<ObjectList> ListAllAsync(ResourceType type, string? @namespace, ListOptions? options, CancellationToken cancellationToken)
    {
        options ??= new ListOptions();
        var items = new List<JsonObject>();
        string? next = null;
        while (true)
        {
            var page = await ListAsync(type, @namespace, options with { Continue = next }, cancellationToken);
            items.AddRange(page.Items);
            next = page.Continue;
            if (next is null)
            {
                return new ObjectList(items, page.ResourceVersion, null);
            }
        }
    }

    /// <summary>Server-side apply (<c>application/apply-patch+yaml</c>) of a whole object; returns the stored result.</summary>
    public Task<JsonObject> ApplyAsync(ResourceType type, JsonObject obj, ApplyOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(type, obj, options, subresource: null, cancellationToken);

    /// <summary>Server-side apply of the <c>status</c> of an object (its status subresource).</summary>
    public Task<JsonObject> ApplyStatusAsync(ResourceType type, JsonObject obj, ApplyOptions options, CancellationToken cancellationToken) =>
        ApplyAsync(type, obj, options, subresource: "status", cancellationToken);

    /// <summary>Patches an object (or its subresource, e.g. <c>status</c>); returns the stored result.</summary>
    public async Task<JsonObject> PatchAsync(ResourceType type, string? @namespace, string name, PatchType patchType, JsonNode patch,
        string? fieldManager, CancellationToken cancellationToken, string? subresource = null)
    {
        var mediaType = patchType switch
        {
            PatchType.Merge => "application/merge-patch+json",
            PatchType.Json => "application/json-patch+json",
            _ => "application/strategic-merge-patch+json",
        };
        var query = fieldManager is null ? "" : "?fieldManager=" + Uri.EscapeDataString(fieldManager);
        return await SendForObjectAsync(HttpPatch, type.PathFor(@namespace, name, subresource) + query, patch, mediaType, type, cancellationToken);
    }

    /// <summary>JSON-merge-patches the status subresource.</summary>
    public Task<JsonObject> PatchStatusAsync(ResourceType type, string? @namespace, string name, JsonObject mergePatch, string? fieldManager,
        CancellationToken cancellationToken) =>
        PatchAsync(type, @namespace, name, PatchType.Merge, mergePatch, fieldManager, cancellationToken, "status");

    /// <summary>Creates an object; 409 AlreadyExists when its name is taken.</summary>
    public Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, string? fieldManager, CancellationToken cancellationToken)
    {
        var query = fieldManager is null ? "" : "?fieldManager=" + Uri.EscapeDataString(fieldManager);
        return SendForObjectAsync(HttpMethod.Post, type.PathFor(ObjectMeta.Namespace(obj)) + query, obj, JsonMediaType, type, cancellationToken);
    }

    /// <summary>Replaces an object (PUT), optimistic on its <c>metadata.resourceVersion</c> when set.</summary>
    public Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, string? fieldManager, CancellationToken cancellationToken, string? subresource = null)
    {
        var query = fieldManager is null ? "" : "?fieldManager=" + Uri.EscapeDataString(fieldManager);
        var path = type.PathFor(ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), subresource) + query;
        return SendForObjectAsync(HttpMethod.Put, path, obj, JsonMediaType, type, cancellationToken);
    }

    /// <summary>Deletes an object; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceType type, string? @namespace, string name, DeleteOptions? options, CancellationToken cancellationToken)
    {
        options ??= new DeleteOptions();
        var body = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1" };
        if (options.Propagation is { } propagation)
        {
            body["propagationPolicy"] = propagation.ToString();
        }

        if (options.PreconditionUid is not null || options.PreconditionResourceVersion is not null)
        {
            var preconditions = new JsonObject();
            if (options.PreconditionUid is not null)
            {
                preconditions["uid"] = options.PreconditionUid;
            }

            if (options.PreconditionResourceVersion is not null)
            {
                preconditions["resourceVersion"] = options.PreconditionResourceVersion;
            }

            body["preconditions"] = preconditions;
        }

        if (options.DryRun)
        {
            body["dryRun"] = new JsonArray("All");
        }

        try
        {
            await SendAsync(HttpMethod.Delete, type.PathFor(@namespace, name), body, JsonMediaType, cancellationToken);
            return true;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Reads a non-resource or discovery document, e.g. <c>apis</c> or <c>api/v1</c>; null on 404.</summary>
    public async Task<JsonObject?> GetRawAsync(string relativePath, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, relativePath, null, null, cancellationToken) as JsonObject;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return null;
        }
    }

    private static readonly HttpMethod HttpPatch = HttpMethod.Patch;

    private async Task<JsonObject> ApplyAsync(ResourceType type, JsonObject obj, ApplyOptions options, string? subresource, CancellationToken cancellationToken)
    {
        var name = ObjectMeta.Name(obj);
        ArgumentException.ThrowIfNullOrEmpty(name, "obj.metadata.name");
        var query = new StringBuilder("?fieldManager=").Append(Uri.EscapeDataString(options.FieldManager));
        if (options.Force)
        {
            query.Append("&force=true");
        }

        if (options.DryRun)
        {
            query.Append("&dryRun=All");
        }

        // Apply needs apiVersion and kind in the body; JSON is valid YAML, so the body is sent as JSON.
        var body = WithTypeMeta(obj.DeepClone().AsObject(), type);
        var path = type.PathFor(ObjectMeta.Namespace(obj), name, subresource) + query;
        return await SendForObjectAsync(HttpPatch, path, body, "application/apply-patch+yaml", type, cancellationToken);
    }

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
        RuntimeMetrics.RestClientRequests.Add(1,
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
