namespace FluxOperator.Controllers.Runtime.Kube;

/// <summary>The type of one watch event.</summary>
public enum WatchEventType
{
    /// <summary>An object was created (or is reported for the first time).</summary>
    Added,

    /// <summary>An object changed.</summary>
    Modified,

    /// <summary>An object was removed; the event carries its last state.</summary>
    Deleted,

    /// <summary>No change: the stream's resourceVersion moved on.</summary>
    Bookmark,
}
