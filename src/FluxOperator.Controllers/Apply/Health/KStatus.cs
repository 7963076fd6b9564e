using System.Globalization;
using System.Text.Json.Nodes;

namespace FluxOperator.Controllers.Apply.Health;

/// <summary>The kstatus readiness rules over an unstructured object (docs/reconciliation.md#health).</summary>
public static class KStatus
{
    private const string OperatorGroup = "fluxcd.controlplane.io";

    /// <summary>Computes the verdict for a freshly read object (null: it does not exist).</summary>
    public static ObjectHealth Compute(JsonObject? obj)
    {
        if (obj is null)
        {
            return new ObjectHealth(HealthStatus.NotFound, "Resource not found");
        }

        if (obj["metadata"]?["deletionTimestamp"] is not null)
        {
            return new ObjectHealth(HealthStatus.Terminating, "Resource scheduled for deletion");
        }

        var kind = obj["kind"]?.ToString() ?? "";
        var status = obj["status"] as JsonObject;
        if (status?["observedGeneration"] is JsonValue observed && Int(observed) is { } o && Int(obj["metadata"]?["generation"]) is { } g && o != g)
        {
            return new ObjectHealth(HealthStatus.InProgress, $"{kind} generation is {g}, but latest observed generation is {o}");
        }

        if (Condition(status, "Reconciling") is { } reconciling && Text(reconciling["status"]) == "True")
        {
            return new ObjectHealth(HealthStatus.InProgress, Text(reconciling["message"]));
        }

        if (Condition(status, "Stalled") is { } stalled && Text(stalled["status"]) == "True")
        {
            return new ObjectHealth(HealthStatus.Failed, Text(stalled["message"]));
        }

        var group = Group(obj);
        return (group, kind) switch
        {
            ("batch", "Job") => Job(obj, status),
            (OperatorGroup, "FluxInstance" or "ResourceSet" or "ResourceSetInputProvider") => OperatorKind(obj, status),
            ("apps", "Deployment") => Deployment(obj, status),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => Crd(status),
            ("", "PersistentVolumeClaim") => Text(status?["phase"]) == "Bound"
                ? new ObjectHealth(HealthStatus.Current, "PVC is Bound")
                : new ObjectHealth(HealthStatus.InProgress, "PVC is not Bound. phase: " + Text(status?["phase"])),
            ("", "Service") => Text(obj["spec"]?["type"]) == "LoadBalancer" && string.IsNullOrEmpty(Text(obj["spec"]?["clusterIP"]))
                ? new ObjectHealth(HealthStatus.InProgress, "ClusterIP not set. Service type: LoadBalancer")
                : new ObjectHealth(HealthStatus.Current, "Service is ready"),
            ("", "Secret" or "ConfigMap") or ("batch", "CronJob") => new ObjectHealth(HealthStatus.Current, "Resource is always ready"),
            _ => Generic(status),
        };
    }

    // The operator's own kinds are Current only when every Ready condition is True for the latest generation.
    private static ObjectHealth OperatorKind(JsonObject obj, JsonObject? status)
    {
        var ready = (status?["conditions"] as JsonArray)?.OfType<JsonObject>().Where(c => Text(c["type"]) == "Ready").ToArray();
        if (ready is null)
        {
            return new ObjectHealth(HealthStatus.InProgress, "no status conditions yet");
        }

        var generation = Int(obj["metadata"]?["generation"]);
        return ready.All(c => Text(c["status"]) == "True" && Int(c["observedGeneration"]) == generation)
            ? new ObjectHealth(HealthStatus.Current, ready.Length == 0 ? "Resource is current" : Text(ready[0]["message"]))
            : new ObjectHealth(HealthStatus.InProgress, ready.Length == 0 ? "" : Text(ready[0]["message"]));
    }

    private static ObjectHealth Job(JsonObject obj, JsonObject? status)
    {
        var completions = Int(obj["spec"]?["completions"]) ?? 1;
        if (obj["spec"]?["suspend"] is JsonValue suspend && suspend.TryGetValue<bool>(out var suspended) && suspended)
        {
            return new ObjectHealth(HealthStatus.Current, "Job is suspended");
        }

        if (Condition(status, "Failed") is { } failed && Text(failed["status"]) == "True")
        {
            return new ObjectHealth(HealthStatus.Failed, $"Job Failed. failed: {Int(status?["failed"]) ?? 0}/{completions}");
        }

        if (Condition(status, "Complete") is { } complete && Text(complete["status"]) == "True")
        {
            return new ObjectHealth(HealthStatus.Current, $"Job Completed. succeeded: {Int(status?["succeeded"]) ?? 0}/{completions}");
        }

        return new ObjectHealth(HealthStatus.InProgress, $"Job in progress. success: {Int(status?["succeeded"]) ?? 0}, active: {Int(status?["active"]) ?? 0}, failed: {Int(status?["failed"]) ?? 0}");
    }

    private static ObjectHealth Generic(JsonObject? status)
    {
        if (Condition(status, "Ready") is { } ready)
        {
            return Text(ready["status"]) == "True"
                ? new ObjectHealth(HealthStatus.Current, Text(ready["message"]))
                : new ObjectHealth(HealthStatus.InProgress, Text(ready["message"]));
        }

        return new ObjectHealth(HealthStatus.Current, "Resource is current");
    }

    private static ObjectHealth Crd(JsonObject? status)
    {
        if (Condition(status, "NamesAccepted") is { } names && Text(names["status"]) == "False")
        {
            return new ObjectHealth(HealthStatus.Failed, "CRD names have not been accepted: " + Text(names["message"]));
        }

        if (Condition(status, "Established") is { } established)
        {
            var value = Text(established["status"]);
            if (value == "True")
            {
                return new ObjectHealth(HealthStatus.Current, "CRD is established");
            }

            if (value == "False" && Text(established["reason"]) != "Installing")
            {
                return new ObjectHealth(HealthStatus.Failed, "CRD is not established: " + Text(established["message"]));
            }
        }

        return new ObjectHealth(HealthStatus.InProgress, "Install in progress");
    }

    private static ObjectHealth Deployment(JsonObject obj, JsonObject? status)
    {
        var progressing = Condition(status, "Progressing");
        if (progressing is not null && Text(progressing["reason"]) == "ProgressDeadlineExceeded")
        {
            return new ObjectHealth(HealthStatus.Failed, "Progress deadline exceeded");
        }

        var spec = Int(obj["spec"]?["replicas"]) ?? 1;
        var replicas = Int(status?["replicas"]) ?? 0;
        var updated = Int(status?["updatedReplicas"]) ?? 0;
        var ready = Int(status?["readyReplicas"]) ?? 0;
        var available = Int(status?["availableReplicas"]) ?? 0;
        var hasDeadline = obj["spec"]?["progressDeadlineSeconds"] is not null;
        var isProgressing = !hasDeadline || (progressing is not null && Text(progressing["status"]) == "True" && Text(progressing["reason"]) == "NewReplicaSetAvailable");
        var availableCondition = Condition(status, "Available");
        string? why = null;
        if (replicas < spec)
        {
            why = $"Replicas: {replicas}/{spec}";
        }
        else if (updated < spec)
        {
            why = $"Updated: {updated}/{spec}";
        }
        else if (replicas > spec)
        {
            why = $"Pending termination: {replicas - spec}";
        }
        else if (available < updated)
        {
            why = $"Available: {available}/{updated}";
        }
        else if (ready < spec)
        {
            why = $"Ready: {ready}/{spec}";
        }
        else if (!isProgressing)
        {
            why = "ReplicaSet not Available";
        }
        else if (availableCondition is null || Text(availableCondition["status"]) != "True")
        {
            why = "Deployment not Available";
        }

        return why is null
            ? new ObjectHealth(HealthStatus.Current, $"Deployment is available. Replicas: {replicas.ToString(CultureInfo.InvariantCulture)}")
            : new ObjectHealth(HealthStatus.InProgress, why);
    }

    private static JsonObject? Condition(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => Text(c["type"]) == type);

    private static string Group(JsonObject obj)
    {
        var apiVersion = Text(obj["apiVersion"]);
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static long? Int(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<double>(out var d) => (long)d,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
