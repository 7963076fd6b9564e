using System.Text.Json.Nodes;

namespace KubeApiEmulator.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: a manager, how it wrote (Apply or Update), and the fields it owns.</summary>
public sealed class ManagedFieldsEntry
{
    /// <summary>Field manager name.</summary>
    public required string Manager { get; init; }

    /// <summary><c>Apply</c> or <c>Update</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>apiVersion the manager wrote with.</summary>
    public required string ApiVersion { get; set; }

    /// <summary>When the entry last changed (RFC 3339).</summary>
    public string? Time { get; set; }

    /// <summary><c>status</c> for writes through the status subresource, else empty.</summary>
    public string Subresource { get; init; } = "";

    /// <summary>The owned fields.</summary>
    public FieldSet Fields { get; set; } = new();

    /// <summary>True when this entry belongs to the same (manager, operation, subresource).</summary>
    public bool Is(string manager, string operation, string subresource) =>
        Manager == manager && Operation == operation && Subresource == subresource;

    /// <summary>Reads every entry of an object's metadata.managedFields.</summary>
    public static List<ManagedFieldsEntry> ReadAll(JsonObject? obj) =>
        (obj?["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new ManagedFieldsEntry
        {
            Manager = e["manager"]?.ToString() ?? "",
            Operation = e["operation"]?.ToString() ?? "Update",
            ApiVersion = e["apiVersion"]?.ToString() ?? "",
            Time = e["time"]?.ToString(),
            Subresource = e["subresource"]?.ToString() ?? "",
            Fields = FieldSet.FromFieldsV1(e["fieldsV1"] as JsonObject),
        }).ToList();

    /// <summary>Writes entries into metadata.managedFields (removing the key when there are none).</summary>
    public static void WriteAll(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = meta;
        var list = new JsonArray();
        foreach (var e in entries.Where(e => !e.Fields.IsEmpty))
        {
            var json = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
                ["time"] = e.Time,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = e.Fields.ToFieldsV1(),
            };
            if (e.Subresource.Length > 0)
            {
                json["subresource"] = e.Subresource;
            }

            list.Add(json);
        }

        if (list.Count > 0)
        {
            meta["managedFields"] = list;
        }
        else
        {
            meta.Remove("managedFields");
        }
    }
}
