using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FluxOperator.Controllers.Serialization;

/// <summary>
/// Builds JSON nodes from a stream of YAML parsing events with an explicit stack (never recursion over the
/// input), so the only bound on depth is the one the parser enforces.
/// </summary>
internal static class JsonTreeBuilder
{
    /// <summary>Every non-empty document of the stream; aliases become copies of their anchored node.</summary>
    public static List<JsonNode?> Build(IParser parser)
    {
        var documents = new List<JsonNode?>();
        var anchors = new Dictionary<string, (JsonNode? Node, string? KeyText)>(StringComparer.Ordinal);
        var open = new List<Open>();
        JsonNode? root = null;
        var emptyRoot = false;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    anchors.Clear();
                    root = null;
                    emptyRoot = false;
                    break;
                case DocumentEnd:
                    if (!emptyRoot)
                    {
                        documents.Add(root);
                    }

                    break;
                case Scalar scalar:
                    var value = YamlDocuments.ToJsonScalar(scalar);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = (value, scalar.Value);
                    }

                    if (open.Count == 0)
                    {
                        root = value;
                        emptyRoot = scalar.Style == ScalarStyle.Plain && scalar.Value.Length == 0;
                    }
                    else
                    {
                        Attach(open[^1], value, scalar.Value, scalar);
                    }

                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                    {
                        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to an unknown anchor");
                    }

                    var copy = anchored.Node?.DeepClone();
                    if (open.Count == 0)
                    {
                        root = copy;
                    }
                    else
                    {
                        Attach(open[^1], copy, anchored.KeyText, alias);
                    }

                    break;
                case MappingStart mapping:
                    open.Add(new Open(new JsonObject(), mapping.Anchor));
                    break;
                case SequenceStart sequence:
                    open.Add(new Open(new JsonArray(), sequence.Anchor));
                    break;
                case MappingEnd or SequenceEnd:
                    var closed = open[^1];
                    open.RemoveAt(open.Count - 1);
                    if (!closed.Anchor.IsEmpty)
                    {
                        anchors[closed.Anchor.Value] = (closed.Node, null);
                    }

                    if (open.Count == 0)
                    {
                        root = closed.Node;
                    }
                    else
                    {
                        Attach(open[^1], closed.Node, null, parser.Current);
                    }

                    break;
            }
        }

        return documents;
    }

    /// <summary>Adds a finished node to its parent: an item, a mapping key (<paramref name="keyText"/>) or a value.</summary>
    private static void Attach(Open parent, JsonNode? node, string? keyText, ParsingEvent at)
    {
        if (parent.Node is JsonArray array)
        {
            array.Add(node);
            return;
        }

        var obj = (JsonObject)parent.Node;
        if (parent.PendingKey is { } key)
        {
            obj[key] = node;
            parent.PendingKey = null;
            return;
        }

        if (keyText is null)
        {
            throw new YamlException(at.Start, at.End, "mapping keys must be scalars");
        }

        if (keyText == "<<")
        {
            throw new YamlException(at.Start, at.End, "YAML merge keys are not supported");
        }

        if (obj.ContainsKey(keyText))
        {
            throw new YamlException(at.Start, at.End, $"duplicate key \"{keyText}\"");
        }

        parent.PendingKey = keyText;
    }

    private sealed class Open(JsonNode node, AnchorName anchor)
    {
        public JsonNode Node { get; } = node;

        public AnchorName Anchor { get; } = anchor;

        public string? PendingKey { get; set; }
    }
}
