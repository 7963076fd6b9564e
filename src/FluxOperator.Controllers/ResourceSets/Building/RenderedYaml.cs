using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluxOperator.Controllers.Templating;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FluxOperator.Controllers.ResourceSets.Building;

/// <summary>The rendered text could not be read as Kubernetes objects; the message is the upstream wording.</summary>
public sealed class RenderedYamlException(string message) : Exception(message);

/// <summary>Reads rendered template output as Kubernetes's "YAML or JSON" decoder does: JSON values when the text starts
/// with <c>{</c>, else YAML documents split on <c>---</c> lines, typed by YAML 1.1 rules (<c>yes</c>, <c>0x1F</c>,
/// <c>2024-01-01</c>), converted through JSON (whole doubles become integers).</summary>
internal static class RenderedYaml
{
    private const int MaxDepth = 512;
    private const long MaxAliasNodes = 100_000;

    /// <summary>The first non-empty document as one object (the <c>resources</c> path).</summary>
    public static JsonObject ReadObject(string text)
    {
        foreach (var document in Documents(text))
        {
            return ToObject(document);
        }

        throw new RenderedYamlException("EOF");
    }

    /// <summary>Every document (the <c>resourcesTemplate</c> path): lists expanded, documents without apiVersion or
    /// name and kustomize Kustomizations dropped.</summary>
    public static List<JsonObject> ReadObjects(string text)
    {
        var result = new List<JsonObject>();
        foreach (var document in Documents(text))
        {
            var obj = ToObject(document);
            var kind = obj["kind"]!.GetValue<string>();
            if (kind.EndsWith("List", StringComparison.Ordinal) && obj["items"] is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is JsonObject itemObject)
                    {
                        result.Add((JsonObject)itemObject.DeepClone());
                    }
                }

                continue;
            }

            var apiVersion = obj["apiVersion"] is JsonValue v && v.TryGetValue(out string? a) ? a : string.Empty;
            var name = obj["metadata"] is JsonObject m && m["name"] is JsonValue n && n.TryGetValue(out string? s) ? s : string.Empty;
            if (apiVersion.Length == 0 || name.Length == 0)
            {
                continue;
            }

            if (kind == "Kustomization" && apiVersion.StartsWith("kustomize.config.k8s.io/", StringComparison.Ordinal))
            {
                continue;
            }

            result.Add(obj);
        }

        return result;
    }

    private static JsonObject ToObject(JsonNode? document)
    {
        if (document is not JsonObject obj)
        {
            if (document is null)
            {
                throw new RenderedYamlException("Object 'Kind' is missing in 'null'");
            }

            var type = document is JsonArray ? "array" : document.GetValueKind() switch
            {
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                _ => "bool",
            };
            throw new RenderedYamlException($"json: cannot unmarshal {type} into Go value of type map[string]interface {{}}");
        }

        if (obj["kind"] is not JsonValue kind || !kind.TryGetValue(out string? kindName) || kindName.Length == 0)
        {
            throw new RenderedYamlException($"Object 'Kind' is missing in '{CompactJson(obj)}'");
        }

        return obj;
    }

    private static string CompactJson(JsonNode node) => GoJson.Marshal(GoValues.FromJson(node), GoJson.Style.Raw);

    private static IEnumerable<JsonNode?> Documents(string text)
    {
        var trimmed = text.AsSpan().TrimStart(" \t\r\n");
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            foreach (var value in JsonValues(text))
            {
                yield return value;
            }

            yield break;
        }

        foreach (var chunk in SplitDocuments(text))
        {
            yield return ParseYaml(chunk);
        }
    }

    private static List<JsonNode?> JsonValues(string text)
    {
        var values = new List<JsonNode?>();
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                values.Add(JsonNode.Parse(ref reader));
            }
        }
        catch (JsonException e)
        {
            throw new RenderedYamlException(e.Message);
        }

        return values;
    }

    /// <summary>Kubernetes's YAMLReader: a line starting with <c>---</c> ends a document (only comments may follow it on
    /// that line); zero-length documents are skipped, but whitespace-only ones are kept (they read as null).</summary>
    private static IEnumerable<string> SplitDocuments(string text)
    {
        var buffer = new StringBuilder();
        var position = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = end < 0 ? text[position..] : text[position..(end + 1)];
            position = end < 0 ? text.Length : end + 1;
            if (line.StartsWith("---", StringComparison.Ordinal))
            {
                var rest = line[3..].Trim();
                if (rest.Length > 0 && rest[0] != '#')
                {
                    throw new RenderedYamlException($"invalid Yaml document separator: {rest}");
                }

                if (buffer.Length > 0)
                {
                    yield return buffer.ToString();
                    buffer.Clear();
                }

                continue;
            }

            buffer.Append(line);
        }

        if (buffer.Length > 0)
        {
            yield return buffer.ToString();
        }
    }

    private static JsonNode? ParseYaml(string chunk)
    {
        try
        {
            return new YamlTreeBuilder(new Parser(new StringReader(chunk))).ReadDocument();
        }
        catch (YamlException e)
        {
            var message = e.Message;
            var separator = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith('(') && separator > 0)
            {
                message = message[(separator + 3)..];
            }

            message = message.TrimEnd('.');
            if (message.Length > 0)
            {
                message = char.ToLowerInvariant(message[0]) + message[1..];
            }

            throw new RenderedYamlException($"error converting YAML to JSON: yaml: line {e.Start.Line}: {message}");
        }
    }

    /// <summary>Builds one document from parser events with an explicit stack (deep nesting cannot overflow the call
    /// stack) and a budget on nodes produced by alias expansion.</summary>
    private sealed class YamlTreeBuilder(IParser parser)
    {
        private readonly Dictionary<string, JsonNode?> anchors = new(StringComparer.Ordinal);
        private long aliasNodes;

        public JsonNode? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode();
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                var start = parser.Current?.Start ?? Mark.Empty;
                throw new YamlException(start, start, "expected a single document in the stream");
            }

            return root;
        }

        private sealed class Frame(JsonNode container, string? anchor)
        {
            public JsonNode Container { get; } = container;

            public string? Anchor { get; } = anchor;

            public string? PendingKey { get; set; }

            public bool ExpectKey { get; set; } = container is JsonObject;

            public bool PendingMerge { get; set; }
        }

        private JsonNode? ReadNode()
        {
            var stack = new Stack<Frame>();
            JsonNode? result = null;
            var done = false;
            while (!done)
            {
                var e = parser.Consume<ParsingEvent>();
                JsonNode? value;
                var isMergeKey = false;
                switch (e)
                {
                    case MappingStart ms:
                        if (stack.Count >= MaxDepth)
                        {
                            throw new YamlException(ms.Start, ms.End, $"document nests deeper than {MaxDepth} levels");
                        }

                        if (stack.TryPeek(out var parentOfMap) && parentOfMap.ExpectKey && parentOfMap.Container is JsonObject)
                        {
                            throw new YamlException(ms.Start, ms.End, "mapping keys must be scalars");
                        }

                        stack.Push(new Frame(new JsonObject(), ms.Anchor.IsEmpty ? null : ms.Anchor.Value));
                        continue;
                    case SequenceStart ss:
                        if (stack.Count >= MaxDepth)
                        {
                            throw new YamlException(ss.Start, ss.End, $"document nests deeper than {MaxDepth} levels");
                        }

                        if (stack.TryPeek(out var parentOfSeq) && parentOfSeq.ExpectKey && parentOfSeq.Container is JsonObject)
                        {
                            throw new YamlException(ss.Start, ss.End, "mapping keys must be scalars");
                        }

                        stack.Push(new Frame(new JsonArray(), ss.Anchor.IsEmpty ? null : ss.Anchor.Value));
                        continue;
                    case MappingEnd or SequenceEnd:
                        var finished = stack.Pop();
                        if (finished.Anchor is not null)
                        {
                            anchors[finished.Anchor] = finished.Container;
                        }

                        value = finished.Container;
                        break;
                    case Scalar scalar:
                        var isKey = stack.TryPeek(out var owner) && owner.ExpectKey && owner.Container is JsonObject;
                        var resolved = ResolveScalar(scalar);
                        if (isKey)
                        {
                            owner!.ExpectKey = false;
                            if (resolved.IsMerge)
                            {
                                owner.PendingMerge = true;
                                owner.PendingKey = null;
                            }
                            else
                            {
                                owner.PendingKey = KeyString(resolved.Node, scalar);
                            }

                            continue;
                        }

                        value = resolved.Node;
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = value;
                        }

                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        {
                            throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                        }

                        aliasNodes += CountNodes(target);
                        if (aliasNodes > MaxAliasNodes)
                        {
                            throw new YamlException(alias.Start, alias.End, "document contains excessive aliasing");
                        }

                        if (stack.TryPeek(out var aliasOwner) && aliasOwner.ExpectKey && aliasOwner.Container is JsonObject)
                        {
                            aliasOwner.ExpectKey = false;
                            aliasOwner.PendingKey = target is JsonValue ? KeyString(target, null) : target?.ToJsonString() ?? "null";
                            continue;
                        }

                        value = target?.DeepClone();
                        break;
                    default:
                        throw new YamlException(e.Start, e.End, $"unexpected {e.GetType().Name}");
                }

                _ = isMergeKey;
                if (stack.Count == 0)
                {
                    result = value;
                    done = true;
                    continue;
                }

                var frame = stack.Peek();
                if (frame.Container is JsonArray array)
                {
                    array.Add(value);
                }
                else
                {
                    var obj = (JsonObject)frame.Container;
                    if (frame.PendingMerge)
                    {
                        Merge(obj, value, e);
                        frame.PendingMerge = false;
                    }
                    else
                    {
                        obj[frame.PendingKey!] = value;
                    }

                    frame.ExpectKey = true;
                }
            }

            return result;
        }

        private static void Merge(JsonObject target, JsonNode? source, ParsingEvent e)
        {
            var sources = source is JsonArray list ? list.ToList() : [source];
            foreach (var item in sources)
            {
                if (item is not JsonObject map)
                {
                    throw new YamlException(e.Start, e.End, "map merge requires map or sequence of maps as the value");
                }

                foreach (var (key, v) in map)
                {
                    if (!target.ContainsKey(key))
                    {
                        target[key] = v?.DeepClone();
                    }
                }
            }
        }

        private static long CountNodes(JsonNode? node)
        {
            long count = 0;
            var pending = new Stack<JsonNode?>();
            pending.Push(node);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                count++;
                switch (current)
                {
                    case JsonObject obj:
                        foreach (var (_, v) in obj)
                        {
                            pending.Push(v);
                        }

                        break;
                    case JsonArray array:
                        foreach (var v in array)
                        {
                            pending.Push(v);
                        }

                        break;
                }
            }

            return count;
        }

        private static (JsonNode? Node, bool IsMerge) ResolveScalar(Scalar scalar)
        {
            var text = scalar.Value;
            var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
            if (tag is "tag:yaml.org,2002:str" or "!!str" || scalar.Style != ScalarStyle.Plain && tag is null or "!")
            {
                return (JsonValue.Create(text), false);
            }

            var value = YamlResolver.Resolve(text);
            if (value == YamlResolver.MergeKey)
            {
                return (null, true);
            }

            return (value switch
            {
                null => null,
                bool b => JsonValue.Create(b),
                long l => JsonValue.Create(l),
                double d => Number(d, scalar),
                DateTimeOffset t => JsonValue.Create(GoValues.FormatTime(t)),
                _ => JsonValue.Create((string)value),
            }, false);
        }

        /// <summary>A double survives the YAML→JSON→object round trip as an integer when Go writes it without exponent.</summary>
        private static JsonNode Number(double d, Scalar scalar)
        {
            if (double.IsNaN(d) || double.IsInfinity(d))
            {
                throw new YamlException(scalar.Start, scalar.End, $"json: unsupported value: {GoFloat.FormatG(d)}");
            }

            if (Math.Abs(d) < 1e21 && Math.Truncate(d) == d && d >= long.MinValue && d < 9.2233720368547758e18)
            {
                return JsonValue.Create((long)d);
            }

            return JsonValue.Create(d);
        }

        private static string KeyString(JsonNode? node, Scalar? scalar)
        {
            if (node is null)
            {
                return "null";
            }

            var v = node.AsValue();
            return v.GetValueKind() switch
            {
                JsonValueKind.String => v.GetValue<string>(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => scalar?.Value ?? v.ToJsonString(),
            };
        }
    }
}
