using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Serialization;
using YamlDotNet.Core;

namespace FluxOperator.Controllers.Api.V1.Validation;

/// <summary>Parses a user patch the way the renderer will and reports what would fail the build.</summary>
internal static class PatchTextCheck
{
    private static readonly string[] Operations = ["add", "remove", "replace", "move", "copy", "test"];

    private static readonly string[] ShardedDeployments =
    [
        FluxComponents.SourceController, FluxComponents.KustomizeController, FluxComponents.HelmController,
        FluxComponents.ImageReflectorController, FluxComponents.ImageAutomationController, FluxComponents.SourceWatcher,
    ];

    private static readonly JsonSerializerOptions Quoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Problems as (path suffix below the patch entry, message) pairs.</summary>
    public static IEnumerable<(string Suffix, string Message)> Problems(KustomizePatch patch, bool sharded)
    {
        var text = patch.Patch.Trim();
        if (text.Length == 0)
        {
            yield break; // reported as "Required value"
        }

        var quoted = $"[patch: {JsonSerializer.Serialize(text, Quoting)}]";
        IReadOnlyList<JsonNode?> documents;
        string? parseError = null;
        string? limitError = null;
        try
        {
            documents = YamlDocuments.Parse(text);
        }
        catch (InputLimitException e)
        {
            documents = [];
            limitError = e.Message;
        }
        catch (YamlException e)
        {
            documents = [];
            parseError = e.Message;
        }

        if (limitError is not null)
        {
            // Quoting a hostile patch back would put the whole payload into the status message.
            yield return (".patch", $"patch rejected: {limitError}");
            yield break;
        }

        if (parseError is not null || documents.Count == 0 || documents.Any(d => d is not (JsonObject or JsonArray)))
        {
            var cause = parseError is null ? "" : $": {parseError}";
            yield return (".patch", $"unable to parse SM or JSON patch from {quoted}{cause} (write a YAML/JSON object for a strategic-merge patch or a list of operations for JSON6902)");
            yield break;
        }

        if (documents is [JsonArray operations])
        {
            if (patch.Target is null)
            {
                yield return ("", $"must specify a target for JSON patch {quoted} (add a target, e.g. target: {{kind: Deployment, name: source-controller}})");
            }

            for (var i = 0; i < operations.Count; i++)
            {
                foreach (var problem in OperationProblems(operations[i], $".patch[{i}]"))
                {
                    yield return problem;
                }
            }

            yield break;
        }

        if (documents.Any(d => d is JsonArray))
        {
            yield return (".patch", $"unable to parse SM or JSON patch from {quoted} (a JSON6902 patch is a single list of operations)");
            yield break;
        }

        foreach (var problem in StrategicMergeProblems(documents.Cast<JsonObject>().ToArray(), patch.Target is not null, sharded))
        {
            yield return problem;
        }
    }

    private static IEnumerable<(string Suffix, string Message)> StrategicMergeProblems(JsonObject[] documents, bool targeted, bool sharded)
    {
        if (targeted)
        {
            if (documents.Length > 1)
            {
                yield return (".patch", "Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field (split the documents into separate patches)");
            }

            yield break;
        }

        foreach (var document in documents)
        {
            var kind = Text(document["kind"]);
            var name = Text(document["metadata"]?["name"]);
            if (string.IsNullOrEmpty(kind) || string.IsNullOrEmpty(name))
            {
                yield return (".patch", "a strategic-merge patch without target must identify its object (set apiVersion, kind and metadata.name, or add a target)");
            }
            else if (sharded && IsShardedObject(kind, name))
            {
                yield return ("", $"a strategic-merge patch without target for {kind}/{name} matches the main object and its shard copies, so the build fails with 'multiple matches for Id' (add target: {{kind: {kind}, name: {name}}}, with annotationSelector: \"!sharding.fluxcd.io/role\" to leave the shards alone)");
            }
        }
    }

    private static IEnumerable<(string Suffix, string Message)> OperationProblems(JsonNode? node, string suffix)
    {
        if (node is not JsonObject operation)
        {
            yield return (suffix, "a JSON6902 operation must be an object with op and path");
            yield break;
        }

        var op = Text(operation["op"]);
        if (string.IsNullOrEmpty(op))
        {
            yield return (suffix, "missing op (one of add, remove, replace, move, copy, test)");
        }
        else if (!Operations.Contains(op, StringComparer.Ordinal))
        {
            yield return (suffix + ".op", $"Unexpected kind: {op} (use one of add, remove, replace, move, copy, test)");
        }

        if (Text(operation["path"]) is not { } path)
        {
            yield return (suffix, "missing path (a JSON pointer such as /spec/replicas)");
        }
        else if (!IsJsonPointer(path))
        {
            yield return (suffix + ".path", $"'{path}' is not a JSON pointer (start with '/', write '/' inside a key as ~1 and '~' as ~0)");
        }

        if (op is "add" or "replace" or "test" && !operation.ContainsKey("value"))
        {
            yield return (suffix, $"op '{op}' needs a value");
        }

        if (op is "move" or "copy")
        {
            if (Text(operation["from"]) is not { } from)
            {
                yield return (suffix, $"op '{op}' needs from (a JSON pointer)");
            }
            else if (!IsJsonPointer(from))
            {
                yield return (suffix + ".from", $"'{from}' is not a JSON pointer (start with '/')");
            }
        }
    }

    private static bool IsJsonPointer(string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            return false;
        }

        for (var i = 0; i < pointer.Length; i++)
        {
            if (pointer[i] == '~' && (i + 1 >= pointer.Length || pointer[i + 1] is not ('0' or '1')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsShardedObject(string kind, string name) =>
        (kind == "Deployment" && ShardedDeployments.Contains(name, StringComparer.Ordinal))
        || (kind == "Service" && name is FluxComponents.SourceController or FluxComponents.SourceWatcher);

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
