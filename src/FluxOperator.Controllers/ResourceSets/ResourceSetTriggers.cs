using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Api.V1;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Runtime;
using FluxOperator.Controllers.Runtime.Kube;

namespace FluxOperator.Controllers.ResourceSets;

/// <summary>
/// Which watch events re-run which ResourceSets: the set itself (spec or annotations changed), providers whose exported
/// revision changed (sets referencing them by name or selector), and ConfigMaps/Secrets a set copies from, converts a
/// kubeconfig from, or checksums. Mappings read caches only and never fail.
/// </summary>
public sealed class ResourceSetTriggers
{
    private readonly ObjectCache _sets;
    private readonly ConcurrentDictionary<ObjectKey, IReadOnlySet<string>> _sources = new();

    /// <summary>Creates the triggers over the ResourceSet informer's cache.</summary>
    public ResourceSetTriggers(ObjectCache sets) => _sets = sets ?? throw new ArgumentNullException(nameof(sets));

    /// <summary>A set event that warrants a pass: create, delete, or a change of generation or annotations.</summary>
    public static bool IsSetTrigger(InformerEvent e) => Predicates.GenerationChanged(e) || Predicates.AnnotationsChanged(e);

    /// <summary>A provider event that warrants a pass: create, delete, or a new exported revision.</summary>
    public static bool IsProviderTrigger(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type != InformerEventType.Updated || e.Old is null
            || e.Old["status"]?["lastExportedRevision"]?.ToString() != e.Object["status"]?["lastExportedRevision"]?.ToString();
    }

    /// <summary>A ConfigMap/Secret event that may matter: create, delete, or any change of the stored object.</summary>
    public static bool IsConfigTrigger(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type != InformerEventType.Updated || e.Old is null || ObjectMeta.ResourceVersion(e.Old) != ObjectMeta.ResourceVersion(e.Object);
    }

    /// <summary>Records the <c>copyFrom</c> and <c>convertKubeConfigFrom</c> sources (<c>Kind/namespace/name</c>) a set read in its last pass.</summary>
    public void RememberSources(ObjectKey set, IReadOnlySet<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0)
        {
            _sources.TryRemove(set, out _);
        }
        else
        {
            _sources[set] = sources;
        }
    }

    /// <summary>Forgets a deleted set.</summary>
    public void Forget(ObjectKey set) => _sources.TryRemove(set, out _);

    /// <summary>The sets in the provider's namespace that reference it by name or by a selector matching its labels.</summary>
    public IEnumerable<ObjectKey> ForProvider(JsonObject provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var ns = ObjectMeta.Namespace(provider);
        var name = ObjectMeta.Name(provider);
        var labels = (provider["metadata"]?["labels"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obj in _sets.List(ns))
        {
            if (Read(obj) is not { } set)
            {
                continue;
            }

            if ((set.Spec.InputsFrom ?? []).Any(r => r.Name == name || (r.Selector is { } selector && Matches(selector, labels))))
            {
                yield return ObjectKey.Of(obj);
            }
        }
    }

    /// <summary>The sets that copied, converted or checksummed this ConfigMap or Secret.</summary>
    public IEnumerable<ObjectKey> ForConfig(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var reference = $"{config["kind"]}/{ObjectMeta.Namespace(config)}/{ObjectMeta.Name(config)}";
        var keys = new HashSet<ObjectKey>();
        foreach (var (key, sources) in _sources)
        {
            if (sources.Contains(reference))
            {
                keys.Add(key);
            }
        }

        foreach (var obj in _sets.List())
        {
            if ((obj["status"]?["externalChecksumRefs"] as JsonArray)?.Any(r => r?.ToString() == reference) == true)
            {
                keys.Add(ObjectKey.Of(obj));
            }
        }

        return keys;
    }

    /// <summary>The <c>Kind/namespace/name</c> of an event's object, for the wait-cancellation message.</summary>
    public static string Subject(InformerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"{e.Object["kind"]}/{ObjectMeta.Namespace(e.Object)}/{ObjectMeta.Name(e.Object)}";
    }

    private static bool Matches(ProviderSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        try
        {
            return LabelSelector.Parse(selector.ToQuery()).Matches(labels);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // An unparsable selector selects nothing here; the set's own pass reports it.
            return false;
        }
    }

    private static ResourceSet? Read(JsonObject obj)
    {
        try
        {
            return obj.Deserialize<ResourceSet>(ApiJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
