using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;

namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>
/// Maps kinds to resources (plural, scope) from API discovery, one group version at a time. A kind that is not
/// in the cached document triggers one fresh read of it, so kinds added by a CRD applied a moment ago resolve.
/// </summary>
public sealed class RestMapper
{
    private readonly IKubeClient _client;
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, ResourceType>> _groupVersions = new(StringComparer.Ordinal);

    /// <summary>Creates a mapper that reads discovery through <paramref name="client"/>.</summary>
    public RestMapper(IKubeClient client) => _client = client;

    /// <summary>The resource serving <paramref name="gvk"/>; throws a 404 <see cref="KubeApiException"/> when none does.</summary>
    public async Task<ResourceType> MapAsync(GroupVersionKind gvk, CancellationToken cancellationToken) =>
        await TryMapAsync(gvk, cancellationToken)
        ?? throw new KubeApiException(HttpStatusCode.NotFound, "NoKindMatch",
            $"no matches for kind \"{gvk.Kind}\" in version \"{gvk.ApiVersion}\"");

    /// <summary>The resource serving an object's <c>apiVersion</c> and <c>kind</c>.</summary>
    public Task<ResourceType> MapAsync(JsonObject obj, CancellationToken cancellationToken) =>
        MapAsync(GroupVersionKind.From(obj["apiVersion"]?.ToString() ?? "", obj["kind"]?.ToString() ?? ""), cancellationToken);

    /// <summary>The resource serving <paramref name="gvk"/>, or null when the server does not serve it.</summary>
    public async Task<ResourceType?> TryMapAsync(GroupVersionKind gvk, CancellationToken cancellationToken)
    {
        if (_groupVersions.TryGetValue(gvk.ApiVersion, out var cached) && cached.TryGetValue(gvk.Kind, out var hit))
        {
            return hit;
        }

        var fresh = await ReadAsync(gvk.Group, gvk.Version, cancellationToken);
        _groupVersions[gvk.ApiVersion] = fresh;
        return fresh.GetValueOrDefault(gvk.Kind);
    }

    /// <summary>Forgets everything read so far (e.g. after CRDs were removed).</summary>
    public void Invalidate() => _groupVersions.Clear();

    private async Task<IReadOnlyDictionary<string, ResourceType>> ReadAsync(string group, string version, CancellationToken cancellationToken)
    {
        var path = group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";
        var document = await _client.GetRawAsync(path, cancellationToken);
        var map = new Dictionary<string, ResourceType>(StringComparer.Ordinal);
        if (document?["resources"] is not JsonArray resources)
        {
            return map;
        }

        foreach (var entry in resources.OfType<JsonObject>())
        {
            var name = entry["name"]?.ToString();
            var kind = entry["kind"]?.ToString();
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(kind) || name.Contains('/', StringComparison.Ordinal))
            {
                continue; // subresources (deployments/status, …) share the kind of their parent
            }

            var namespaced = entry["namespaced"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            map.TryAdd(kind, new ResourceType(group, version, kind, name, namespaced));
        }

        return map;
    }
}
