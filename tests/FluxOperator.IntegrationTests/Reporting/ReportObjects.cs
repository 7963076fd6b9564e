using System.Text.Json.Nodes;

namespace FluxOperator.IntegrationTests.Reporting;

/// <summary>Hand-written FluxInstance and Deployment objects the report tests seed.</summary>
internal static class ReportObjects
{
    internal static JsonObject Ready(string status, string reason, string message) => FluxSeed.Condition(status, reason, message);

    internal static JsonObject Instance(JsonObject ready, string? artifact = null, string? lastArtifactRevision = null)
    {
        var distribution = new JsonObject { ["version"] = "2.x", ["registry"] = "ghcr.io/fluxcd" };
        if (artifact is not null)
        {
            distribution["artifact"] = artifact;
        }

        var status = new JsonObject { ["conditions"] = new JsonArray(ready) };
        if (lastArtifactRevision is not null)
        {
            status["lastArtifactRevision"] = lastArtifactRevision;
        }

        return new JsonObject
        {
            ["apiVersion"] = "fluxcd.controlplane.io/v1",
            ["kind"] = "FluxInstance",
            ["metadata"] = new JsonObject { ["name"] = "flux", ["namespace"] = FluxSeed.Namespace },
            ["spec"] = new JsonObject { ["distribution"] = distribution },
            ["status"] = status,
        };
    }

    internal static JsonObject Deployment(string name, string image, bool ready, bool partOfFlux = true)
    {
        var labels = new JsonObject { ["app"] = name };
        if (partOfFlux)
        {
            labels["app.kubernetes.io/part-of"] = "flux";
        }

        var available = ready ? 1 : 0;
        return new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = FluxSeed.Namespace, ["labels"] = labels },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "manager", ["image"] = image }) },
                },
            },
            ["status"] = new JsonObject
            {
                ["observedGeneration"] = 1,
                ["replicas"] = 1,
                ["updatedReplicas"] = 1,
                ["readyReplicas"] = available,
                ["availableReplicas"] = available,
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Available", ["status"] = ready ? "True" : "False", ["reason"] = "MinimumReplicasAvailable" },
                    new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable" }),
            },
        };
    }
}
