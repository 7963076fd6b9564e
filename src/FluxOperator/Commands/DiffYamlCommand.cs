using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Commands.Cluster;
using FluxOperator.Controllers.Primitives;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Commands;

/// <summary>
/// <c>diff yaml SOURCE TARGET</c> (files or <c>-</c>): the RFC 6902 JSON Patch turning the source object into the target,
/// <c>metadata</c> and <c>status</c> ignored. Multi-document inputs are compared object by object first (matched by
/// kind, namespace and name: added, removed, changed), then field by field for the changed ones.
/// </summary>
internal static class DiffYamlCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2 };

    public static Command Create()
    {
        var source = new Argument<string>("source") { Description = "The original manifest: a file, or - for stdin." };
        var target = new Argument<string>("target") { Description = "The changed manifest: a file, or - for stdin." };
        var output = new Option<string>("--output", "-o") { Description = "json-patch-yaml (default) or json-patch (indented JSON).", DefaultValueFactory = _ => "json-patch-yaml" };
        var yaml = new Command("yaml", "Show what changes from one manifest to another as a JSON Patch.") { source, target, output };
        yaml.SetAction(async parseResult =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var format = parseResult.GetValue(output)!;
            try
            {
                if (format is not ("json-patch-yaml" or "json-patch"))
                {
                    throw new CliException($"unsupported output format \"{format}\", supported formats: json-patch-yaml, json-patch");
                }

                var (from, to) = (parseResult.GetValue(source)!, parseResult.GetValue(target)!);
                if (from == "-" && to == "-")
                {
                    throw new CliException("only one of source and target can be read from stdin (-)");
                }

                var (before, after) = (Read(from), Read(to));
                JsonNode result = before.Count == 1 && after.Count == 1
                    ? Patch(Comparable(before[0]), Comparable(after[0]))
                    : ObjectChanges(before, after);
                await stdout.WriteAsync(format == "json-patch" ? result.ToJsonString(Indented) + "\n" : YamlDocuments.Write(result));
                return 0;
            }
            catch (CliException e)
            {
                return await CliOutput.FailAsync(stderr, e.Message);
            }
        });
        return new Command("diff", "Compare manifests.") { yaml };
    }

    private static IReadOnlyList<JsonObject> Read(string path)
    {
        try
        {
            var text = path == "-" ? BoundedTextReader.ReadAll(Console.In, InputLimits.Current) : BoundedTextReader.ReadFile(path, InputLimits.Current);
            var documents = YamlDocuments.ParseObjects(text);
            return documents.Count == 0 ? throw new CliException($"{path}: no YAML document found") : documents;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlException or JsonException)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    /// <summary>Added, removed and changed objects, each changed one with its patch.</summary>
    private static JsonArray ObjectChanges(IReadOnlyList<JsonObject> before, IReadOnlyList<JsonObject> after)
    {
        var sources = before.GroupBy(Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var targets = after.GroupBy(Identity, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var changes = new JsonArray();
        foreach (var id in sources.Keys.Concat(targets.Keys.Where(k => !sources.ContainsKey(k))))
        {
            if (!targets.TryGetValue(id, out var to))
            {
                changes.Add(new JsonObject { ["object"] = id, ["change"] = "removed" });
            }
            else if (!sources.TryGetValue(id, out var from))
            {
                changes.Add(new JsonObject { ["object"] = id, ["change"] = "added" });
            }
            else if (Patch(Comparable(from), Comparable(to)) is { Count: > 0 } patch)
            {
                changes.Add(new JsonObject { ["object"] = id, ["change"] = "changed", ["patch"] = patch });
            }
        }

        return changes;
    }

    private static string Identity(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? "";
        var group = apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";
        var kind = obj["kind"]?.GetValue<string>() ?? "";
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        return (group.Length == 0 ? kind : $"{kind}.{group}") + (ns is null ? "/" : $"/{ns}/") + name;
    }

    private static JsonObject Comparable(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }

    /// <summary>A minimal patch: removals, additions and replacements at the deepest path that differs.</summary>
    public static JsonArray Patch(JsonNode? from, JsonNode? to)
    {
        var ops = new JsonArray();
        Diff(from, to, "", ops);
        return ops;
    }

    private static void Diff(JsonNode? from, JsonNode? to, string path, JsonArray ops)
    {
        switch (from, to)
        {
            case (JsonObject a, JsonObject b):
                foreach (var (key, value) in a)
                {
                    if (!b.ContainsKey(key))
                    {
                        ops.Add(new JsonObject { ["op"] = "remove", ["path"] = path + "/" + Escape(key) });
                    }
                    else
                    {
                        Diff(value, b[key], path + "/" + Escape(key), ops);
                    }
                }

                foreach (var (key, value) in b)
                {
                    if (!a.ContainsKey(key))
                    {
                        ops.Add(new JsonObject { ["op"] = "add", ["path"] = path + "/" + Escape(key), ["value"] = value?.DeepClone() });
                    }
                }

                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
                {
                    Diff(a[i], b[i], $"{path}/{i}", ops);
                }

                for (var i = a.Count; i < b.Count; i++)
                {
                    ops.Add(new JsonObject { ["op"] = "add", ["path"] = $"{path}/{i}", ["value"] = b[i]?.DeepClone() });
                }

                // From the end, so each index still names the element it meant.
                for (var i = a.Count - 1; i >= b.Count; i--)
                {
                    ops.Add(new JsonObject { ["op"] = "remove", ["path"] = $"{path}/{i}" });
                }

                break;
            default:
                if (!JsonNode.DeepEquals(from, to))
                {
                    ops.Add(new JsonObject { ["op"] = "replace", ["path"] = path.Length == 0 ? "" : path, ["value"] = to?.DeepClone() });
                }

                break;
        }
    }

    private static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
