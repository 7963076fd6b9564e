namespace FluxOperator.Controllers.Runtime;

/// <summary>What an informer observed.</summary>
public enum InformerEventType
{
    /// <summary>An object appeared (created, or seen for the first time by a list).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Updated,

    /// <summary>An object went away (seen in a watch, or missing from a relist).</summary>
    Deleted,
}
