using k8s.Models;

namespace FluxOperator.Controllers.Api.V1;

/// <summary>The annotation reads every operator kind shares: one rule for "disabled", one lookup.</summary>
public static class ObjectAnnotations
{
    /// <summary>The annotation value, or null when absent.</summary>
    public static string? Get(V1ObjectMeta metadata, string key) =>
        metadata?.Annotations?.TryGetValue(key, out var value) == true ? value : null;

    /// <summary>True when <c>fluxcd.controlplane.io/reconcile</c> is <c>disabled</c> (any case).</summary>
    public static bool IsDisabled(V1ObjectMeta metadata) =>
        string.Equals(Get(metadata, AnnotationKeys.Reconcile), AnnotationKeys.DisabledValue, StringComparison.OrdinalIgnoreCase);
}
