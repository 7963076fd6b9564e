using System.Text.Json.Nodes;
using KubeApiEmulator.Resources;
using KubeApiEmulator.Schema;

namespace KubeApiEmulator.Semantics;

/// <summary>What built-in controllers would do at once: create defaults, CRD establishment and removal.</summary>
public sealed partial class ClusterState
{
    private static bool IsCrd(ResourceType type) => type.GroupResource == "customresourcedefinitions.apiextensions.k8s.io";

    private static void ApplyCreateDefaults(ResourceType type, JsonObject obj)
    {
        switch (type.GroupResource)
        {
            case "namespaces":
                var nsSpec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = nsSpec;
                var finalizers = nsSpec["finalizers"] as JsonArray ?? [];
                if (!finalizers.Any(f => f?.ToString() == "kubernetes"))
                {
                    finalizers.Add("kubernetes");
                }

                nsSpec["finalizers"] = finalizers;
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case "deployments.apps":
                var spec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = spec;
                spec["replicas"] ??= 1;
                break;
            case "secrets":
                obj["type"] ??= "Opaque";
                break;
        }
    }

    // Custom resources are pruned, defaulted and validated against their version's schema (fixture seeding stores as
    // given, like a write straight to etcd); a CRD whose rules or patterns do not compile is refused.
    private static void AdmitSchema(ResourceType type, JsonObject? old, JsonObject obj, WriteOptions write)
    {
        if (write.Seeding)
        {
            return;
        }

        if (IsCrd(type) && SchemaAdmission.CheckCrd(obj) is { Count: > 0 } problems)
        {
            throw FieldError.ToInvalid(type.Group, type.Kind, obj["metadata"]?["name"]?.ToString() ?? "", problems);
        }

        SchemaAdmission.Admit(type, old, obj, write);
    }

    // What the API server's strategies do on every write: a Secret's stringData is folded into base64 data.
    private static void Normalize(ResourceType type, JsonObject obj)
    {
        if (type.GroupResource == "secrets" && obj["stringData"] is JsonObject stringData)
        {
            var data = obj["data"] as JsonObject ?? [];
            foreach (var (key, value) in stringData)
            {
                data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.ToString() ?? ""));
            }

            obj["data"] = data;
            obj.Remove("stringData");
        }
    }

    // The apiextensions controller accepts names and establishes the CRD right away.
    private void EstablishCrd(JsonObject? old, JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var storage = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().Where(v => v["storage"]?.GetValue<bool>() == true)
            .Select(v => v["name"]?.ToString() ?? "");
        // What this write carries wins (a status write trimming old versions is how storage migration ends);
        // the current storage version is always kept, as the API server's validation demands.
        var stored = (crd["status"]?["storedVersions"] as JsonArray ?? old?["status"]?["storedVersions"] as JsonArray ?? [])
            .Select(v => v?.ToString() ?? "").ToArray();
        var previous = old?["status"]?["conditions"] as JsonArray;
        var conditions = new JsonArray(
            Condition(previous, "NamesAccepted", "NoConflicts", "no conflicts found"),
            Condition(previous, "Established", "InitialNamesAccepted", "the initial names have been accepted"));
        crd["status"] = new JsonObject
        {
            ["conditions"] = conditions,
            ["acceptedNames"] = spec["names"]?.DeepClone() ?? new JsonObject(),
            ["storedVersions"] = new JsonArray(stored.Concat(storage).Distinct(StringComparer.Ordinal).Select(v => (JsonNode?)JsonValue.Create(v)).ToArray()),
        };
    }

    private JsonObject Condition(JsonArray? previous, string type, string reason, string message)
    {
        var time = previous?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == type)?["lastTransitionTime"]?.ToString() ?? Now();
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    // Deleting a CRD stops serving it and removes its objects (their finalizers are not waited for).
    private void RemoveCrdResources(JsonObject crd)
    {
        var spec = crd["spec"];
        var groupResource = $"{spec?["names"]?["plural"]}.{spec?["group"]}";
        Catalog.Unregister(crd["metadata"]?["name"]?.ToString() ?? "");
        foreach (var obj in _store.Scan(groupResource).ToArray())
        {
            RemoveLocked(obj.Type, obj.ToNode());
        }

        _store.CloseWatches(groupResource);
    }
}
