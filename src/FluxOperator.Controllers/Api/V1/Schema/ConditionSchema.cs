using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Api.V1.Schema;

/// <summary>The schema of a Kubernetes <c>metav1.Condition</c>, with the API machinery's own limits.</summary>
internal static class ConditionSchema
{
    public static JsonObject Create() => new()
    {
        ["description"] = "Condition contains details for one aspect of the current state of this API Resource.",
        ["properties"] = new JsonObject
        {
            ["lastTransitionTime"] = new JsonObject
            {
                ["description"] = "lastTransitionTime is the last time the condition transitioned from one status to another.",
                ["format"] = "date-time",
                ["type"] = "string",
            },
            ["message"] = new JsonObject
            {
                ["description"] = "message is a human readable message indicating details about the transition.",
                ["maxLength"] = 32768,
                ["type"] = "string",
            },
            ["observedGeneration"] = new JsonObject
            {
                ["description"] = "observedGeneration represents the .metadata.generation that the condition was set based upon.",
                ["format"] = "int64",
                ["minimum"] = 0,
                ["type"] = "integer",
            },
            ["reason"] = new JsonObject
            {
                ["description"] = "reason contains a programmatic identifier indicating the reason for the condition's last transition.",
                ["maxLength"] = 1024,
                ["minLength"] = 1,
                ["pattern"] = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$",
                ["type"] = "string",
            },
            ["status"] = new JsonObject
            {
                ["description"] = "status of the condition, one of True, False, Unknown.",
                ["enum"] = new JsonArray("True", "False", "Unknown"),
                ["type"] = "string",
            },
            ["type"] = new JsonObject
            {
                ["description"] = "type of condition in CamelCase or in foo.example.com/CamelCase.",
                ["maxLength"] = 316,
                ["pattern"] = @"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                ["type"] = "string",
            },
        },
        ["required"] = new JsonArray("lastTransitionTime", "message", "reason", "status", "type"),
        ["type"] = "object",
    };
}
