using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.ResourceSets.Building;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Collects the input sets of a ResourceSet: its inline <c>spec.inputs</c>, then the exported inputs of every
/// provider <c>spec.inputsFrom</c> selects (by name or label selector, deduplicated, ordered by namespace and name),
/// combined with the set's strategy. Providers are always read with the operator's own identity.
/// </summary>
public sealed class ResourceSetInputs
{
    private readonly KubeApiClient _client;

    /// <summary>Creates the collector.</summary>
    public ResourceSetInputs(KubeApiClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>The combined input sets; throws <see cref="InputException"/> with the message the pass reports.</summary>
    public async Task<IReadOnlyList<JsonObject>> CombineAsync(ResourceSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var providers = await GatherAsync(set, cancellationToken);
        return Combine(set, providers);
    }

    /// <summary>Combines the set's inline inputs with already read providers (offline builds pass files).</summary>
    public static IReadOnlyList<JsonObject> Combine(ResourceSet set, IEnumerable<JsonObject> providers)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(providers);
        var sources = new List<InputSource>
        {
            new(ResourceSet.KubeKind, set.Metadata.Name ?? "", set.Metadata.NamespaceProperty ?? "", Inline(set)),
        };
        foreach (var provider in providers
            .OrderBy(p => ObjectMeta.Namespace(p) ?? "", StringComparer.Ordinal)
            .ThenBy(ObjectMeta.Name, StringComparer.Ordinal))
        {
            sources.Add(new InputSource(ResourceSetInputProvider.KubeKind, ObjectMeta.Name(provider), ObjectMeta.Namespace(provider) ?? "", Exported(provider)));
        }

        return InputStrategies.Combine(set.Spec.InputStrategy?.Name, sources, set.Spec.InputStrategy?.IncludeEmptyProviders ?? false);
    }

    /// <summary>The providers <c>spec.inputsFrom</c> selects, each once.</summary>
    public async Task<IReadOnlyList<JsonObject>> GatherAsync(ResourceSet set, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(set);
        var ns = set.Metadata.NamespaceProperty ?? "";
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var reference in set.Spec.InputsFrom ?? [])
        {
            if (!string.IsNullOrEmpty(reference.Name))
            {
                if (found.ContainsKey(reference.Name))
                {
                    continue;
                }

                JsonObject? provider;
                try
                {
                    provider = await _client.GetAsync(OperatorResources.ResourceSetInputProvider, ns, reference.Name, cancellationToken);
                }
                catch (Exception e) when (e is KubeApiException or HttpRequestException)
                {
                    throw new InputException($"failed to get provider {ns}/{reference.Name}: {e.Message}");
                }

                found[reference.Name] = provider
                    ?? throw new InputException($"failed to get provider {ns}/{reference.Name}: {NotFound(OperatorResources.ResourceSetInputProvider, reference.Name)}");
                continue;
            }

            if (reference.Selector is null)
            {
                throw new InputException("input provider reference must have either name or selector set");
            }

            var query = SelectorQuery(reference.Selector);
            ObjectList list;
            try
            {
                list = await _client.ListAllAsync(OperatorResources.ResourceSetInputProvider, ns, new ListOptions { LabelSelector = query, Limit = 500 }, cancellationToken);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException)
            {
                throw new InputException($"failed to list providers with selector {query}: {e.Message}");
            }

            foreach (var provider in list.Items)
            {
                found.TryAdd(ObjectMeta.Name(provider), provider);
            }
        }

        return [.. found.Values];
    }

    /// <summary>
    /// The providers among <paramref name="candidates"/> that <c>spec.inputsFrom</c> selects, as the cluster would
    /// answer (offline builds read them from files; a provider without namespace counts as in the set's namespace).
    /// </summary>
    public static IReadOnlyList<JsonObject> Select(ResourceSet set, IEnumerable<JsonObject> candidates)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(candidates);
        var ns = set.Metadata.NamespaceProperty ?? "";
        var inNamespace = candidates.Where(p => p["kind"]?.ToString() == ResourceSetInputProvider.KubeKind && (ObjectMeta.Namespace(p) ?? ns) == ns).ToArray();
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var reference in set.Spec.InputsFrom ?? [])
        {
            if (!string.IsNullOrEmpty(reference.Name))
            {
                found[reference.Name] = inNamespace.FirstOrDefault(p => ObjectMeta.Name(p) == reference.Name)
                    ?? throw new InputException($"failed to get provider {ns}/{reference.Name}: {NotFound(OperatorResources.ResourceSetInputProvider, reference.Name)}");
                continue;
            }

            if (reference.Selector is null)
            {
                throw new InputException("input provider reference must have either name or selector set");
            }

            var selector = LabelSelector.Parse(SelectorQuery(reference.Selector));
            foreach (var provider in inNamespace)
            {
                var labels = (provider["metadata"]?["labels"] as JsonObject)?.ToDictionary(l => l.Key, l => l.Value?.ToString() ?? "", StringComparer.Ordinal)
                    ?? new Dictionary<string, string>(StringComparer.Ordinal);
                if (selector.Matches(labels))
                {
                    found.TryAdd(ObjectMeta.Name(provider), provider);
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>The selector as an API query, checked with the API server's grammar.</summary>
    public static string SelectorQuery(ProviderSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        string query;
        try
        {
            query = selector.ToQuery();
            LabelSelector.Parse(query);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new InputException($"failed to parse selector {Describe(selector)}: {e.Message}");
        }

        return query;
    }

    /// <summary>The message the API server gives for a missing object: <c>plural.group "name" not found</c>.</summary>
    public static string NotFound(ResourceType type, string name)
    {
        ArgumentNullException.ThrowIfNull(type);
        var resource = type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";
        return $"{resource} \"{name}\" not found";
    }

    private static string Describe(ProviderSelector selector)
    {
        var labels = string.Join(",", (selector.MatchLabels ?? []).Select(p => $"{p.Key}: {p.Value}"));
        var expressions = string.Join(",", (selector.MatchExpressions ?? []).Select(r => $"{r.Key} {r.Operator} [{string.Join(' ', r.Values ?? [])}]"));
        return $"{{matchLabels: {{{labels}}}, matchExpressions: [{expressions}]}}";
    }

    private static List<JsonObject> Inline(ResourceSet set) =>
        (set.Spec.Inputs ?? []).Select(input =>
        {
            var obj = new JsonObject();
            foreach (var (key, value) in input)
            {
                obj[key] = value?.DeepClone();
            }

            return obj;
        }).ToList();

    private static List<JsonObject> Exported(JsonObject provider) =>
        (provider["status"]?["exportedInputs"] as JsonArray)?.OfType<JsonObject>().Select(i => i.DeepClone().AsObject()).ToList() ?? [];
}
