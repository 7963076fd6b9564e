using System.Text.Json.Nodes;

namespace FluxOperator.IntegrationTests.EndToEnd;

/// <summary>Reads a FluxInstance's status the way a user's tooling does (<c>kubectl wait</c>, jsonpath).</summary>
internal static class InstanceView
{
    public static JsonObject? Condition(JsonObject? instance, string type) =>
        (instance?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    public static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>True when Ready has <paramref name="status"/> for the current generation.</summary>
    public static bool IsReady(JsonObject? instance, string status = "True", string? reason = null)
    {
        var ready = Condition(instance, "Ready");
        return ready is not null
            && Text(ready["status"]) == status
            && (reason is null || Text(ready["reason"]) == reason)
            && ready["observedGeneration"]?.GetValue<long>() == instance!["metadata"]?["generation"]?.GetValue<long>();
    }

    public static IReadOnlyList<string> InventoryIds(JsonObject? instance) =>
        (instance?["status"]?["inventory"]?["entries"] as JsonArray)?.Select(e => Text(e!["id"])!).ToArray() ?? [];

    public static string Instance(string version = "2.x", string components = "", string annotations = "", string extraSpec = "") => $"""
        apiVersion: fluxcd.controlplane.io/v1
        kind: FluxInstance
        metadata:
          name: flux
          namespace: flux-system
        {(annotations.Length == 0 ? "" : "  annotations:\n" + annotations)}
        spec:
          distribution:
            version: "{version}"
            registry: ghcr.io/fluxcd
        {(components.Length == 0 ? "" : "  components: " + components + "\n")}{extraSpec}
        """;
}
