using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using KubeApiEmulator.Json;

namespace KubeApiEmulator.Simulation;

/// <summary>Stands in for the Deployment controller: computes the status a Deployment would reach, with per-Deployment knobs.</summary>
public sealed class DeploymentSimulator
{
    private readonly ConcurrentDictionary<string, DeploymentMode> _modes = new(StringComparer.Ordinal);

    /// <summary>Creates the simulator, on or off.</summary>
    public DeploymentSimulator(bool enabled) => Enabled = enabled;

    /// <summary>True when Deployments get a simulated status after every spec write.</summary>
    public bool Enabled { get; set; }

    /// <summary>The mode for one Deployment (Healthy unless a knob says otherwise).</summary>
    public DeploymentMode ModeOf(string ns, string name) => _modes.GetValueOrDefault($"{ns}/{name}", DeploymentMode.Healthy);

    /// <summary>Sets the mode for one Deployment (future and current state).</summary>
    public void SetMode(string ns, string name, DeploymentMode mode) => _modes[$"{ns}/{name}"] = mode;

    /// <summary>The status the controller would write for <paramref name="deployment"/>.</summary>
    public JsonObject StatusFor(JsonObject deployment, string now)
    {
        var meta = deployment["metadata"]!;
        var mode = ModeOf(meta["namespace"]?.ToString() ?? "", meta["name"]?.ToString() ?? "");
        var replicas = (int)(JsonNumbers.Long(deployment["spec"]?["replicas"]) ?? 1);
        var ready = mode == DeploymentMode.Healthy ? replicas : 0;
        var status = new JsonObject
        {
            ["observedGeneration"] = JsonNumbers.Long(meta["generation"]) ?? 1,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = ready,
            ["availableReplicas"] = ready,
        };
        if (ready < replicas)
        {
            status["unavailableReplicas"] = replicas - ready;
        }

        status["conditions"] = new JsonArray(
            Condition("Available", ready >= replicas ? "True" : "False",
                ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                ready >= replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now),
            mode == DeploymentMode.Failed
                ? Condition("Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{meta["name"]}\" has timed out progressing.", now)
                : Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{meta["name"]}\" has successfully progressed.", now));
        return status;
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = status,
        ["lastUpdateTime"] = now,
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
