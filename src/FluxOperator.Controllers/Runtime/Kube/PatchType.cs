namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>The patch formats the API server accepts.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (<c>null</c> deletes).</summary>
    Merge,

    /// <summary>RFC 6902 JSON patch (a list of operations).</summary>
    Json,

    /// <summary>Strategic merge patch (built-in kinds only).</summary>
    StrategicMerge,
}
