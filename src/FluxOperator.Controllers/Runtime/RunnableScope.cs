namespace FluxOperator.Controllers.Runtime;

/// <summary>When a part of the <see cref="ControllerHost"/> runs.</summary>
public enum RunnableScope
{
    /// <summary>Only while this replica leads (controllers, informers, anything that writes).</summary>
    Leader,

    /// <summary>On every replica, from start to stop (health and metrics endpoints).</summary>
    Always,
}
