using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>
/// The operator's view of the Kubernetes API: unstructured reads, writes and watches of any resource, plus discovery.
/// Every collaborator takes this seam; <see cref="KubeApiClient"/> is the one implementation (tests run it against the
/// in-process API emulator rather than faking it).
/// </summary>
public interface IKubeClient
{
    /// <summary>Discovery-backed mapping from kinds to resources, cached per client.</summary>
    RestMapper Mapper { get; }

    /// <summary>Reads an object; null when it does not exist.</summary>
    Task<JsonObject?> GetAsync(ResourceType type, string? @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Reads an object as a typed value (e.g. a custom resource class); null when it does not exist.</summary>
    Task<T?> GetAsync<T>(ResourceType type, string? @namespace, string name, JsonSerializerOptions? options, CancellationToken cancellationToken)
        where T : class;

    /// <summary>Reads one page of a collection (all namespaces when <paramref name="namespace"/> is null).</summary>
    Task<ObjectList> ListAsync(ResourceType type, string? @namespace, ListOptions? options, CancellationToken cancellationToken);

    /// <summary>Reads a whole collection, following continue tokens page by page.</summary>
    Task<ObjectList> ListAllAsync(ResourceType type, string? @namespace, ListOptions? options, CancellationToken cancellationToken);

    /// <summary>Streams the changes of a collection after <see cref="ListOptions.ResourceVersion"/>.</summary>
    IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? @namespace, ListOptions options, CancellationToken cancellationToken);

    /// <summary>Server-side apply of a whole object; returns the stored result.</summary>
    Task<JsonObject> ApplyAsync(ResourceType type, JsonObject obj, ApplyOptions options, CancellationToken cancellationToken);

    /// <summary>Server-side apply of the <c>status</c> of an object.</summary>
    Task<JsonObject> ApplyStatusAsync(ResourceType type, JsonObject obj, ApplyOptions options, CancellationToken cancellationToken);

    /// <summary>Patches an object (or its subresource); returns the stored result.</summary>
    Task<JsonObject> PatchAsync(ResourceType type, string? @namespace, string name, PatchType patchType, JsonNode patch,
        string? fieldManager, CancellationToken cancellationToken, string? subresource = null);

    /// <summary>JSON-merge-patches the status subresource.</summary>
    Task<JsonObject> PatchStatusAsync(ResourceType type, string? @namespace, string name, JsonObject mergePatch, string? fieldManager,
        CancellationToken cancellationToken);

    /// <summary>Creates an object; 409 AlreadyExists when its name is taken.</summary>
    Task<JsonObject> CreateAsync(ResourceType type, JsonObject obj, string? fieldManager, CancellationToken cancellationToken);

    /// <summary>Replaces an object (PUT), optimistic on its <c>metadata.resourceVersion</c> when set.</summary>
    Task<JsonObject> UpdateAsync(ResourceType type, JsonObject obj, string? fieldManager, CancellationToken cancellationToken, string? subresource = null);

    /// <summary>Deletes an object; false when it was already gone.</summary>
    Task<bool> DeleteAsync(ResourceType type, string? @namespace, string name, DeleteOptions? options, CancellationToken cancellationToken);

    /// <summary>Reads a non-resource or discovery document, e.g. <c>apis</c> or <c>api/v1</c>; null on 404.</summary>
    Task<JsonObject?> GetRawAsync(string relativePath, CancellationToken cancellationToken);
}
