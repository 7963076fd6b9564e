namespace FluxOperator.Controllers.Apply.Health;

/// <summary>The kstatus verdicts (the Go operator's <c>status.Status</c> strings).</summary>
public enum HealthStatus
{
    /// <summary>The object is still converging.</summary>
    InProgress,

    /// <summary>The object failed and will not converge without a change.</summary>
    Failed,

    /// <summary>The object is what was asked for.</summary>
    Current,

    /// <summary>The object is being deleted.</summary>
    Terminating,

    /// <summary>The object does not exist.</summary>
    NotFound,

    /// <summary>The status could not be determined.</summary>
    Unknown,
}
