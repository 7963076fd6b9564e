using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>One object of a build: its current manifest plus the identities it had before namespace, suffix or patch changes.</summary>
/// <remarks>
/// Target selectors match the original <em>or</em> the current identity, so a shard copy
/// <c>source-controller-shard1</c> is still found as <c>source-controller</c>; target-less strategic-merge
/// patches match any earlier identity. The history moves with the object when a nested layer's output moves up.
/// </remarks>
public sealed class Resource
{
    private readonly List<ResourceId> _previousIds;

    /// <summary>A resource entering a build now: it has no earlier identity.</summary>
    public Resource(JsonObject manifest)
        : this(manifest, [])
    {
    }

    /// <summary>A resource that remembers <paramref name="originalId"/> as its identity before any change.</summary>
    public Resource(JsonObject manifest, ResourceId originalId)
        : this(manifest, originalId == ResourceId.Of(manifest) ? [] : [originalId])
    {
    }

    private Resource(JsonObject manifest, List<ResourceId> previousIds)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        _previousIds = previousIds;
    }

    /// <summary>The current manifest (mutated in place by the transformers of the layer that owns it).</summary>
    public JsonObject Manifest { get; internal set; }

    /// <summary>The identity the object had when it entered its first layer.</summary>
    public ResourceId OriginalId => _previousIds.Count > 0 ? _previousIds[0] : CurrentId;

    /// <summary>The identity computed from the current manifest.</summary>
    public ResourceId CurrentId => ResourceId.Of(Manifest);

    /// <summary>Every identity recorded before a change, oldest first (kustomize's previous ids).</summary>
    public IReadOnlyList<ResourceId> PreviousIds => _previousIds;

    /// <summary>A deep copy with the same identity history.</summary>
    public Resource Clone() => new((JsonObject)Manifest.DeepClone(), [.. _previousIds]);

    /// <inheritdoc />
    public override string ToString() => CurrentId.ToString();

    /// <summary>Records the current identity before a transformer may change it.</summary>
    internal void StorePreviousId() => _previousIds.Add(CurrentId);
}
