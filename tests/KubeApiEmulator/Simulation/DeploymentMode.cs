namespace KubeApiEmulator.Simulation;

/// <summary>What the Deployment simulator reports for one Deployment.</summary>
public enum DeploymentMode
{
    /// <summary>All replicas ready and available.</summary>
    Healthy,

    /// <summary>No replica ready: <c>readyReplicas: 0</c>, <c>Available=False</c>.</summary>
    Unready,

    /// <summary>Rollout failed: <c>Progressing=False</c> with reason <c>ProgressDeadlineExceeded</c>.</summary>
    Failed,
}
