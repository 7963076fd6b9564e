namespace FluxOperator.Controllers.Rendering.Patching;

/// <summary>A build failure in the kustomize subset: <see cref="Reason"/> is the reference's exact wording.</summary>
/// <remarks>
/// <see cref="Exception.Message"/> is <see cref="Reason"/> followed by which patch failed, e.g.
/// <c>Unexpected kind: removes (patch 3)</c> or <c>… (spec.kustomize.patches[0])</c> when the patch has an
/// <see cref="Patch.Origin"/>. Code that must reproduce the Go operator's message byte for byte uses <see cref="Reason"/>.
/// </remarks>
public sealed class KustomizeError : Exception
{
    /// <summary>A failure not tied to a patch (duplicate ids, namespace conflicts).</summary>
    public KustomizeError(string reason)
        : base(reason)
    {
        Reason = reason;
    }

    /// <summary>A failure of the patch at <paramref name="patchIndex"/> in its layer's list.</summary>
    public KustomizeError(string reason, int patchIndex, string? patchOrigin)
        : base($"{reason} ({patchOrigin ?? $"patch {patchIndex}"})")
    {
        Reason = reason;
        PatchIndex = patchIndex;
        PatchOrigin = patchOrigin;
    }

    /// <summary>An empty error, for serializers and analyzers.</summary>
    public KustomizeError()
        : this("kustomize build failed")
    {
    }

    /// <summary>A failure with a cause.</summary>
    public KustomizeError(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Reason = reason;
    }

    /// <summary>The reference implementation's message, exactly.</summary>
    public string Reason { get; }

    /// <summary>Index of the failing patch in its layer's patch list, or null.</summary>
    public int? PatchIndex { get; }

    /// <summary>The failing patch's <see cref="Patch.Origin"/>, or null.</summary>
    public string? PatchOrigin { get; }
}
