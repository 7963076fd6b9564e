using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>One object of a build: its current manifest plus the identity it had when it entered its first layer.</summary>
/// <remarks>
/// Target selectors and target-less strategic-merge patches match the original <em>or</em> the current
/// identity (§7.1, §7.3), so a shard copy <c>source-controller-shard1</c> is still found as <c>source-controller</c>.
/// </remarks>
public sealed class Resource
{
    /// <summary>A resource entering a build now: its original identity is its current one.</summary>
    public Resource(JsonObject manifest)
        : this(manifest, ResourceId.Of(manifest))
    {
    }

    /// <summary>A resource with a remembered original identity (kept when a nested layer's output moves up).</summary>
    public Resource(JsonObject manifest, ResourceId originalId)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(originalId);
        Manifest = manifest;
        OriginalId = originalId;
    }

    /// <summary>The current manifest (mutated in place by the transformers of the layer that owns it).</summary>
    public JsonObject Manifest { get; internal set; }

    /// <summary>Kind, name and namespace (and group/version) as they were when the object entered its first layer.</summary>
    public ResourceId OriginalId { get; }

    /// <summary>The identity computed from the current manifest.</summary>
    public ResourceId CurrentId => ResourceId.Of(Manifest);

    /// <summary>A deep copy with the same original identity.</summary>
    public Resource Clone() => new((JsonObject)Manifest.DeepClone(), OriginalId);

    /// <inheritdoc />
    public override string ToString() => CurrentId.ToString();
}
