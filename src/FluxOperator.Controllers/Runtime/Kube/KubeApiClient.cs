using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
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
public sealed partial class KubeApiClient : IKubeClient
{
    private const string JsonMediaType = "application/json";
    private static readonly HttpMethod HttpPatch = HttpMethod.Patch;
    private readonly Kubernetes _kubernetes;
    private readonly RuntimeMetrics? _metrics;

    /// <summary>Wraps a configured client; the caller keeps ownership of it. <paramref name="metrics"/> counts the requests.</summary>
    public KubeApiClient(Kubernetes kubernetes, RuntimeMetrics? metrics = null)
    {
        _kubernetes = kubernetes ?? throw new ArgumentNullException(nameof(kubernetes));
        _metrics = metrics;
        Mapper = new RestMapper(this);
    }

    private KubeApiClient(Kubernetes kubernetes, RuntimeMetrics? metrics, RestMapper mapper, string impersonatedUser)
    {
        _kubernetes = kubernetes;
        _metrics = metrics;
        Mapper = mapper;
        ImpersonatedUser = impersonatedUser;
    }

    /// <summary>The user every request acts as (<c>Impersonate-User</c>), or null for the client's own identity.</summary>
    public string? ImpersonatedUser { get; }

    /// <summary>
    /// A client sending every request as <paramref name="user"/> (e.g. <c>system:serviceaccount:ns:name</c>); the API
    /// server authorizes each request for that user, and adds a service account's groups itself. Discovery is shared.
    /// </summary>
    public KubeApiClient Impersonating(string user)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        return new KubeApiClient(_kubernetes, _metrics, Mapper, user);
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

    /// <summary>Reads an object as a typed value (e.g. a custom resource class); null when it does not exist.</summary>
    public async Task<T?> GetAsync<T>(ResourceType type, string? @namespace, string name, JsonSerializerOptions? options, CancellationToken cancellationToken)
        where T : class =>
        await GetAsync(type, @namespace, name, cancellationToken) is { } obj ? obj.Deserialize<T>(options) : null;

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
}
