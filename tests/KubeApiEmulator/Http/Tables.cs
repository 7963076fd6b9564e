using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KubeApiEmulator.Resources;

namespace KubeApiEmulator.Http;

/// <summary>
/// Server-side printing (<c>Accept: ...;as=Table;g=meta.k8s.io</c>) for <c>kubectl get</c>: Name and Age for every kind,
/// Deployment readiness and Namespace status columns, and a CRD's <c>additionalPrinterColumns</c> (simple JSONPath).
/// </summary>
public static class Tables
{
    /// <summary>True when the client asked for a Table.</summary>
    public static bool Wanted(string? accept) => accept is not null && accept.Contains("as=Table", StringComparison.Ordinal);

    /// <summary>The Table for the objects.</summary>
    public static JsonObject Of(ResourceType type, IReadOnlyList<JsonObject> objects, JsonObject listMetadata, bool fullObjects, DateTimeOffset now)
    {
        var columns = Columns(type);
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(columns.Select(c => (JsonNode?)JsonValue.Create(c.Cell(obj, now))).ToArray());
            var meta = obj["metadata"]?.DeepClone() as JsonObject ?? [];
            meta.Remove("managedFields");
            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = fullObjects ? obj.DeepClone() : new JsonObject { ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = meta },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = listMetadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["type"] = c.Type,
                ["format"] = c.Name == "Name" ? "name" : "",
                ["description"] = c.Name,
                ["priority"] = c.Priority,
            }).ToArray()),
            ["rows"] = rows,
        };
    }

    private static List<Column> Columns(ResourceType type)
    {
        var columns = new List<Column> { new("Name", "string", 0, (o, _) => o["metadata"]?["name"]?.ToString() ?? "") };
        switch (type.GroupResource)
        {
            case "deployments.apps":
                columns.Add(new("Ready", "string", 0, (o, _) => $"{Int(o, "readyReplicas")}/{JsonPath(o, ".spec.replicas") ?? "1"}"));
                columns.Add(new("Up-to-date", "integer", 0, (o, _) => Int(o, "updatedReplicas")));
                columns.Add(new("Available", "integer", 0, (o, _) => Int(o, "availableReplicas")));
                break;
            case "namespaces":
                columns.Add(new("Status", "string", 0, (o, _) => JsonPath(o, ".status.phase") ?? ""));
                break;
        }

        foreach (var c in type.PrinterColumns?.OfType<JsonObject>() ?? [])
        {
            var path = c["jsonPath"]?.ToString() ?? "";
            var kind = c["type"]?.ToString() ?? "string";
            columns.Add(new(c["name"]?.ToString() ?? "", kind, (int)(Json.JsonNumbers.Long(c["priority"]) ?? 0),
                (o, now) => kind == "date" ? Age(JsonPath(o, path), now) : JsonPath(o, path) ?? ""));
        }

        if (!columns.Exists(c => c.Name == "Age"))
        {
            columns.Add(new("Age", "string", 0, (o, now) => Age(o["metadata"]?["creationTimestamp"]?.ToString(), now)));
        }

        return columns;
    }

    private static string Int(JsonObject o, string statusField) => o["status"]?[statusField]?.ToString() ?? "0";

    // The JSONPath forms printer columns use: .a.b, .a[0].b, .a[?(@.k=="v")].b
    private static string? JsonPath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (Match step in Regex.Matches(path, @"\.([^.\[]+)|\[(\d+)\]|\[\?\(@\.([^=]+)==[""']([^""']*)[""']\)\]"))
        {
            node = step switch
            {
                _ when step.Groups[1].Success => node?[step.Groups[1].Value],
                _ when step.Groups[2].Success => node is JsonArray a && int.Parse(step.Groups[2].Value, CultureInfo.InvariantCulture) is var i && i < a.Count ? a[i] : null,
                _ => (node as JsonArray)?.FirstOrDefault(item => item?[step.Groups[3].Value]?.ToString() == step.Groups[4].Value),
            };
        }

        return node?.ToString();
    }

    // Like kubectl's human durations: 45s, 5m, 3h, 2d.
    private static string Age(string? timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return "<unknown>";
        }

        var age = now - at;
        return age.TotalSeconds < 120 ? $"{Math.Max(0, (int)age.TotalSeconds)}s"
            : age.TotalMinutes < 120 ? $"{(int)age.TotalMinutes}m"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h"
            : $"{(int)age.TotalDays}d";
    }

    private sealed record Column(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, string> Cell);
}
