using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>One entry of a kustomization's <c>patches</c>: a strategic-merge or JSON6902 patch text and an optional target.</summary>
/// <param name="Text">YAML or JSON: a sequence of operations is JSON6902, one or more objects are strategic-merge.</param>
/// <param name="Target">The objects to patch; required for JSON6902, optional for strategic merge.</param>
public sealed record Patch(string Text, PatchTarget? Target = null)
{
    /// <summary>Where the patch came from, for error messages (e.g. <c>spec.kustomize.patches[2]</c>); null means its index.</summary>
    public string? Origin { get; init; }

    /// <summary>A JSON6902 patch from operation nodes (each <c>{op, path, value?, from?}</c>).</summary>
    public static Patch Json6902(PatchTarget target, params JsonNode[] operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new Patch(new JsonArray(operations.Select(o => o.DeepClone()).ToArray()).ToJsonString(), target);
    }

    /// <summary>A strategic-merge patch from one object node.</summary>
    public static Patch StrategicMerge(JsonObject patch, PatchTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return new Patch(patch.ToJsonString(), target);
    }
}
