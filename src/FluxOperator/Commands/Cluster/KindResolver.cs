using System.Text.Json.Nodes;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Commands.Cluster;

/// <summary>
/// Resolves what a user types for a kind, as kubectl does: the Kind, its plural, singular or a short name
/// (<c>deploy</c>, <c>hr</c>, <c>ns</c>), case-insensitively, at the version discovery prefers. Flux kinds come first.
/// </summary>
internal static class KindResolver
{
    /// <summary>The served resource for <paramref name="text"/>; null when nothing matches.</summary>
    public static async Task<ResourceType?> ResolveAsync(ClusterSession session, string text, CancellationToken cancellationToken)
    {
        if (FluxKinds.Find(text) is { } flux)
        {
            return (await FluxKinds.ServedAsync(session, flux, cancellationToken).ConfigureAwait(false)).Type;
        }

        var groupVersions = new List<(string Group, string Version)> { ("", "v1") };
        if (await session.Client.GetRawAsync("apis", cancellationToken).ConfigureAwait(false) is { } apis && apis["groups"] is JsonArray groups)
        {
            foreach (var group in groups.OfType<JsonObject>())
            {
                if (group["name"]?.GetValue<string>() is { } name && group["preferredVersion"]?["version"]?.GetValue<string>() is { } version)
                {
                    groupVersions.Add((name, version));
                }
            }
        }

        foreach (var (group, version) in groupVersions)
        {
            var document = await session.Client.GetRawAsync(group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}", cancellationToken).ConfigureAwait(false);
            foreach (var resource in (document?["resources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var plural = resource["name"]?.GetValue<string>() ?? "";
                var kind = resource["kind"]?.GetValue<string>() ?? "";
                if (plural.Contains('/', StringComparison.Ordinal))
                {
                    continue; // a subresource
                }

                var names = new[] { kind, plural, resource["singularName"]?.GetValue<string>() ?? "" }
                    .Concat((resource["shortNames"] as JsonArray ?? []).Select(s => s?.GetValue<string>() ?? ""));
                if (names.Any(n => n.Length > 0 && string.Equals(n, text, StringComparison.OrdinalIgnoreCase)))
                {
                    var namespaced = resource["namespaced"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
                    return new ResourceType(group, version, kind, plural, namespaced);
                }
            }
        }

        return null;
    }

    /// <summary>The resource of an <c>apiVersion</c>/<c>kind</c> pair (owner references, inventory entries, source references).</summary>
    public static async Task<ResourceType?> MapAsync(ClusterSession session, string apiVersion, string kind, CancellationToken cancellationToken) =>
        await session.Client.Mapper.TryMapAsync(GroupVersionKind.From(apiVersion, kind), cancellationToken).ConfigureAwait(false);
}
