namespace FluxOperator.Controllers.Rendering.Planning;

/// <summary>What applying the newer render does to one object.</summary>
public enum PlanAction
{
    /// <summary>The object is new.</summary>
    Added,

    /// <summary>The object exists in both renders with different content.</summary>
    Changed,

    /// <summary>The object is no longer rendered and will be garbage-collected.</summary>
    Removed,
}
