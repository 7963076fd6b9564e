using System.Text.Json.Nodes;
using KubeApiEmulator.Storage;

namespace KubeApiEmulator.Selection;

/// <summary>
/// A parsed field selector (<c>=</c>, <c>==</c>, <c>!=</c>): <c>metadata.name</c> and <c>metadata.namespace</c> for every
/// resource, plus the fields the real server indexes for a few built-ins (events' involvedObject.*, secrets' type, ...).
/// </summary>
public sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> ExtraFields = new(StringComparer.Ordinal)
    {
        ["events"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type",
        ],
        ["events.events.k8s.io"] =
        [
            "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion",
            "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type",
        ],
        ["secrets"] = ["type"],
        ["namespaces"] = ["status.phase"],
        ["nodes"] = ["spec.unschedulable"],
    };

    private readonly List<Func<StoredObject, bool>> _requirements = [];

    private FieldSelector()
    {
    }

    /// <summary>The exact name required by the selector, when it pins one (lets lists skip the scan).</summary>
    public string? Name { get; private set; }

    /// <summary>Parses the query-string form for a group resource; unsupported fields throw <see cref="FormatException"/> (a 400, as on a real server).</summary>
    public static FieldSelector Parse(string? text, string groupResource = "")
    {
        var selector = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var raw in text.Split(','))
        {
            var term = raw.Trim();
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : (term.Contains("==", StringComparison.Ordinal) ? "==" : "="), 2);
            if (parts.Length != 2)
            {
                throw new FormatException($"invalid field selector term \"{term}\"");
            }

            var field = parts[0].Trim();
            var value = parts[1].Trim();
            Func<StoredObject, string> read = field switch
            {
                "metadata.name" => o => o.Name,
                "metadata.namespace" => o => o.Namespace,
                _ when ExtraFields.TryGetValue(groupResource, out var extra) && extra.Contains(field) => o => ReadPath(o, field == "source" ? "source.component" : field),
                _ => throw new FormatException($"field label not supported: {field}"),
            };
            if (!negate && field == "metadata.name")
            {
                selector.Name = value;
            }

            selector._requirements.Add(negate ? o => read(o) != value : o => read(o) == value);
        }

        return selector;
    }

    /// <summary>True when every requirement holds.</summary>
    public bool Matches(StoredObject obj) => _requirements.TrueForAll(r => r(obj));

    private static string ReadPath(StoredObject obj, string path)
    {
        JsonNode? node = obj.ToNode();
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node?.ToString() ?? "";
    }
}
